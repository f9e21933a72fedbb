// VOD public accessibility: whether anyone may list this organisation's VOD items via the API.
import { Section } from "@/components/ui/card";
import { Chip } from "@/components/ui/chip";
import { CopyField } from "@/components/ui/copy-field";
import { Callout } from "@/components/ui/callout";
import { getConfig } from "@/lib/config";
import type { CurrentUser } from "@/lib/data/sessions";
import { can } from "@/lib/permissions";
import { VodToggle } from "./vod-toggle";

export function VodSection({ user, vodPublic, hasVod }: { user: CurrentUser; vodPublic: boolean; hasVod: boolean }) {
  const endpoint = `${getConfig().appUrl}/api/v1/organisations/${user.orgId}/vod`;
  return (
    <Section
      title="VOD public accessibility"
      description="When public, anyone can list this organisation's VOD items through the API without a key or token. When private, requests need this organisation's API key or a session API token."
      actions={<Chip tone={vodPublic ? "warning" : "neutral"}>{vodPublic ? "Public" : "Private"}</Chip>}
    >
      <div className="space-y-4">
        {hasVod ? null : <Callout tone="warning" title="VOD package not enabled">The VOD list answers 404 until the operator enables the VOD package.</Callout>}
        {can(user.role, "vod:manage") ? (
          <VodToggle vodPublic={vodPublic} />
        ) : (
          <p className="text-slate-700">The VOD list is {vodPublic ? "public" : "private"}. Only admins can change this.</p>
        )}
        <CopyField label="VOD list endpoint" value={endpoint} hint="GET; answers JSON." />
      </div>
    </Section>
  );
}
