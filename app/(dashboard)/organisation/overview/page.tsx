import type { Metadata } from "next";
import { getOwnSessionApiToken, requireUser } from "@/lib/auth/session";
import { getOrganisation } from "@/lib/data/organisations";
import { can } from "@/lib/permissions";
import { OrganisationHeader } from "@/components/organisation/organisation-header";
import { PackagesSection } from "./packages-section";
import { ApiAccessSection } from "./api-access-section";
import { WebhookSection } from "./webhook-section";
import { BlockingWebhookSection } from "./blocking-webhook-section";
import { VodSection } from "./vod-section";
import { MediaServersSection } from "./media-servers-section";
import { TagsSection } from "./tags-section";
import { AuditSection } from "./audit-section";
import { MisuseSection } from "./misuse-section";
import { UsageSection } from "./usage-section";

export const metadata: Metadata = { title: "Organisation" };
// Shows credentials: never cached or prerendered (the proxy adds Cache-Control: no-store).
export const dynamic = "force-dynamic";

export default async function OrganisationOverviewPage() {
  const user = await requireUser("org:read");
  const [org, sessionToken] = await Promise.all([getOrganisation(user.orgId), getOwnSessionApiToken()]);
  return (
    <>
      <OrganisationHeader user={user} current="/organisation/overview" />
      <div className="space-y-6">
        <PackagesSection orgName={org.name} enabled={org.packageList} role={user.role} />
        <ApiAccessSection user={user} sessionToken={sessionToken} playerKey={org.playerKey} />
        <WebhookSection user={user} />
        {can(user.role, "webhook:manage") ? <BlockingWebhookSection user={user} /> : null}
        <MediaServersSection user={user} />
        <UsageSection orgId={user.orgId} />
        <MisuseSection user={user} />
        <VodSection user={user} vodPublic={org.vodPublic} hasVod={org.packageList.includes("vod")} />
        <TagsSection orgId={user.orgId} />
        {can(user.role, "audit:read") ? <AuditSection orgId={user.orgId} /> : null}
      </div>
    </>
  );
}
