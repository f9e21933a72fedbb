import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/permissions";
import { getOrganisation } from "@/lib/data/organisations";
import { listStreamPicker } from "@/lib/data/streams";
import { listSigningKeys } from "@/lib/data/signing-keys";
import { hasPackage } from "@/lib/packages";
import { DEFAULT_TOKEN_LIFETIME_DAYS } from "@/lib/validation/tokens";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/card";
import { Callout } from "@/components/ui/callout";
import type { SearchParamsRecord } from "@/components/ui/pagination";
import { defaultExpiryInputValue, REGISTRY_ANCHOR } from "@/lib/tokens/token-text";
import { SigningKeysSection } from "@/components/tokens/signing-keys-section";
import { CreateTokenForm } from "./create-token-form";
import { countByKeyAction } from "./actions";
import { revokeSigningKeyAction, rotateSigningKeyAction } from "./signing-key-actions";
import { SuspiciousTokens } from "./suspicious-tokens";
import { TokenRegistry } from "./token-registry";
import { BulkRevokeForms } from "./revoke-controls";

export const metadata: Metadata = { title: "Secure token" };
export const dynamic = "force-dynamic";

export default async function SecureTokenPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const user = await requireUser("token:read");
  const [org, { streams, typed }, params] = await Promise.all([getOrganisation(user.orgId), listStreamPicker(user.orgId), searchParams]);
  const enabled = hasPackage(org.packages, "secure_playback");
  const canCreate = can(user.role, "token:create");
  const canRevoke = can(user.role, "token:revoke");
  const signingKeys = can(user.role, "signingKey:manage") ? await listSigningKeys(user.orgId) : null;

  const header = (
    <PageHeader
      title="Secure playback token"
      description="Decide who may play your streams: a player needs a valid token, the playout URL alone no longer plays."
    />
  );
  // Without the package an organisation neither creates nor lists tokens: the page says how to get it.
  if (!enabled) {
    return (
      <div className="space-y-6">
        {header}
        <Callout tone="info" title="Secure Playback is not enabled for your organisation">
          <p>
            Tokens need the Secure Playback package. You can check which packages your organisation has under Enabled packages on the{" "}
            <Link prefetch={false} href="/organisation/overview">Organisation Overview</Link>. If it is not enabled, or you have questions about it, ask the
            operator of this Playgate installation: they switch it on with <code>npm run org -- package enable &quot;{org.name}&quot; secure_playback</code>.
          </p>
        </Callout>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      {header}
      {canCreate ? (
        <Section title="Create a token" description="Choose what the token may play and until when; the other settings narrow it further.">
          <CreateTokenForm
            streams={streams.map((s) => ({ id: s.id, name: s.name, streamNames: s.streamNames }))}
            typed={typed}
            defaultExpiresAt={defaultExpiryInputValue(DEFAULT_TOKEN_LIFETIME_DAYS)}
          />
        </Section>
      ) : (
        <Callout tone="info" title="Read-only access">Your permission level can view tokens but not create them.</Callout>
      )}
      <SuspiciousTokens orgId={user.orgId} canRevoke={canRevoke} />
      <Section id={REGISTRY_ANCHOR} className="scroll-mt-18" title="Issued tokens" description="Every token of your organisation as issued. Times are UTC." flush>
        <TokenRegistry orgId={user.orgId} viewer={user.role} searchParams={params} canRevoke={canRevoke} />
      </Section>
      {canRevoke ? (
        <Section title="Revoke in bulk" description="Revoke every token with a tag, or every token issued to one UserID, that was issued before now.">
          <BulkRevokeForms />
        </Section>
      ) : null}
      {signingKeys ? <SigningKeysSection keys={signingKeys} rotateAction={rotateSigningKeyAction} revokeAction={revokeSigningKeyAction} countAction={countByKeyAction} /> : null}
    </div>
  );
}
