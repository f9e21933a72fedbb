// A token page's "Player configuration": the security object and the token to copy into a player
// — but only while the token can still play. A revoked or expired token is refused by every edge,
// so offering it for copying would invite a player that never starts; the section says why and
// offers a new token instead. A token that is not valid yet is offered: it plays from its nbf.
import { Section } from "@/components/ui/card";
import { Callout } from "@/components/ui/callout";
import { CopyField } from "@/components/ui/copy-field";
import { DateTime } from "@/components/ui/date-time";
import { LinkButton } from "@/components/ui/button";
import type { TokenStatus } from "@/lib/tokens/status";
import { revokedHow, securitySnippet } from "@/lib/tokens/token-text";

export type PlayerConfigurationToken = {
  status: TokenStatus;
  token: string;
  /** The pgr_… short reference edges also accept (null for tokens made before references). */
  ref?: string | null;
  expiresAt: Date;
  notBefore: Date | null;
  revokedAt: Date | null;
  /** "revoked" (one token), "revoked_by_tag", "revoked_by_user" or "key_revoked". */
  revokedReason: string | null;
};

function WillNotPlay({ token, canCreate }: { token: PlayerConfigurationToken; canCreate: boolean }) {
  const revoked = token.status === "revoked";
  const when = revoked && token.revokedAt ? token.revokedAt : token.expiresAt;
  return (
    <div className="space-y-4">
      <Callout tone={revoked ? "danger" : "warning"} title={revoked ? "This token is revoked" : "This token has expired"}>
        <p>
          {revoked ? "It was revoked" : "It expired"} <DateTime value={when} />
          {revoked ? revokedHow(token.revokedReason) : ""}, so players presenting it are refused and it is no longer offered
          for the player configuration. The settings and decoded token below stay for reference.
        </p>
      </Callout>
      {canCreate ? (
        <LinkButton href="/secure/token" variant="primary">Create a new token</LinkButton>
      ) : (
        <p className="text-slate-600">Players need a new token; ask someone who can create tokens in your organisation.</p>
      )}
    </div>
  );
}

export function PlayerConfiguration({ token, canCreate }: { token: PlayerConfigurationToken; canCreate: boolean }) {
  if (token.status === "revoked" || token.status === "expired") {
    return (
      <Section title="Player configuration" description="Players cannot use this token any more.">
        <WillNotPlay token={token} canCreate={canCreate} />
      </Section>
    );
  }
  return (
    <Section title="Player configuration" description="Paste the security object into the group or entries element of your player configuration.">
      <div className="space-y-4">
        {token.status === "not_yet_valid" && token.notBefore ? (
          <Callout tone="info" title="Not valid yet">
            It plays from <DateTime value={token.notBefore} />; until then players presenting it are refused. You can already put it into the player configuration.
          </Callout>
        ) : null}
        <CopyField label="Security config" value={securitySnippet(token.token)} multiline />
        <CopyField label="Token" value={token.token} wrap />
        {token.ref ? (
          <CopyField label="Short reference" value={token.ref} hint="Plays like the token wherever the edge asks Playgate (the HTTP check, the media-server hooks): for RTMP URLs and players that cut long URLs. Offline verifiers need the token itself." />
        ) : null}
      </div>
    </Section>
  );
}
