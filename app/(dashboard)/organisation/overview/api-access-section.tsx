// API access, by role: everyone sees their own session API token and the public player key;
// only admins get the master key's masked form (non-admins never receive it, not even in RSC).
import Link from "next/link";
import { Section } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { Callout } from "@/components/ui/callout";
import { DateTime } from "@/components/ui/date-time";
import { getMasterKeyInfo } from "@/lib/data/api-keys";
import type { CurrentUser } from "@/lib/data/sessions";
import { can } from "@/lib/permissions";
import { ConfirmActionButton } from "@/components/organisation/confirm-action-button";
import { OneTimeSecretButton } from "@/components/organisation/one-time-secret-button";
import { rotateMasterKeyAction, rotatePlayerKeyAction } from "./actions";

function Block({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="space-y-3 border-t border-slate-100 pt-5 first:border-t-0 first:pt-0">
      <h3 className="font-semibold text-slate-900">{title}</h3>
      {children}
    </div>
  );
}

export async function ApiAccessSection({ user, sessionToken, playerKey }: { user: CurrentUser; sessionToken: string | null; playerKey: string }) {
  const master = can(user.role, "apiKey:manage") ? await getMasterKeyInfo(user.orgId) : null;
  return (
    <Section
      title="API access"
      description={
        <>
          Credentials for the Playgate API under /api/v1 (every route, with curl examples, is in the{" "}
          <Link prefetch={false} href="/docs/api" className="font-medium text-accent-700 underline">
            API reference
          </Link>
          ). Never put them in public code, repositories or forums.
        </>
      }
    >
      <div className="space-y-5">
        <Block title="Session API token">
          {sessionToken ? (
            <CopyField
              label="Your session API token"
              value={sessionToken}
              masked
              hint="Yours only, issued at sign-in. Valid until you sign out, change your password or your token key is reset. Send it as X-BINTU-TOKEN: <token> or Authorization: Bearer <token>; it acts with your role."
            />
          ) : (
            <Callout tone="info">Sign in again to get a session API token.</Callout>
          )}
        </Block>
        <Block title="Player key">
          <CopyField label="Player key" value={playerKey} hint="A public identifier embedded in the player snippets of the playout and instructions pages. Nothing authenticates with it." />
          {can(user.role, "playerKey:rotate") ? (
            <ConfirmActionButton
              action={rotatePlayerKeyAction}
              verb="Rotate"
              target="the player key"
              consequence="Every player snippet changes: players embedded with the old key must be updated."
              trigger="Rotate player key"
              triggerVariant="secondary"
              pendingLabel="Rotating…"
            />
          ) : null}
        </Block>
        {can(user.role, "apiKey:manage") ? (
          <Block title="Master API key">
            <p className="text-slate-600">Full access to the API of this organisation, acting as an admin. Send it as X-API-Key. Shown once at creation or rotation; stored only as a hash.</p>
            {master ? (
              <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
                <dt className="text-slate-600">Key</dt>
                <dd className="font-mono wrap-anywhere text-slate-900">{master.maskedKey}</dd>
                <dt className="text-slate-600">Created</dt>
                <dd><DateTime value={master.createdAt} /> by {master.createdByEmail}</dd>
                <dt className="text-slate-600">Last used</dt>
                <dd>{master.lastUsedAt ? <DateTime value={master.lastUsedAt} /> : "Never"}</dd>
              </dl>
            ) : (
              <Callout tone="info">No master API key yet. Create one when a script needs full API access; it is shown once.</Callout>
            )}
            {/* One instance: creating the first key turns this button into the rotate button. */}
            <OneTimeSecretButton
              action={rotateMasterKeyAction}
              field="key"
              confirm={Boolean(master)}
              verb={master ? "Rotate" : "Create"}
              target={master ? "the master API key" : "a master API key"}
              consequence="The current key stops working at once, and invitation links it created are revoked. Scripts using it get 401 until they use the new key."
              triggerLabel={master ? "Rotate master key" : "Create master key"}
              typeToConfirm={user.orgName}
              pendingLabel={master ? "Rotating…" : "Creating…"}
              resultTitle="New master API key"
              resultLabel="Master API key"
            />
          </Block>
        ) : null}
      </div>
    </Section>
  );
}
