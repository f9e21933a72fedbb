import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/permissions";
import { NotFoundError } from "@/lib/errors";
import { getPlaybackToken } from "@/lib/data/playback-tokens";
import { creatorShownTo } from "@/lib/tokens/creator";
import { getStream } from "@/lib/data/streams";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { TokenStatusChip } from "@/components/tokens/token-status-chip";
import { PlayerConfiguration } from "@/components/tokens/player-configuration";
import { describeTarget, tokenName } from "@/lib/tokens/token-text";
import { RevokeTokenButton } from "../revoke-controls";
import { TestTokenForm } from "./test-token-form";
import { TokenUsageSection } from "@/components/tokens/token-usage-section";
import { tokenUsage, type TokenUsageView } from "@/lib/data/usage";
import { flagsOf } from "@/lib/data/misuse";
import { TokenFlags } from "@/components/tokens/token-flags";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Playback token" };
export const dynamic = "force-dynamic";

const none = <span className="text-slate-500">—</span>;

async function loadToken(orgId: string, id: string) {
  try {
    return await getPlaybackToken(orgId, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

/** The token's stream group (null when it was deleted), for its name and a stream name to pre-fill the test with. */
async function groupOf(orgId: string, token: Awaited<ReturnType<typeof loadToken>>) {
  if (!token.groupId) return undefined;
  return getStream(orgId, token.groupId).catch((error: unknown) => (error instanceof NotFoundError ? null : Promise.reject(error)));
}

/** The addresses a token was checked from within the last hour: the evidence beside its flags. */
function recentAddresses(usage: TokenUsageView | null, now = new Date()): string[] {
  const since = now.getTime() - 3_600_000;
  return (usage?.ips ?? []).filter((s) => s.lastSeenAt.getTime() > since).map((s) => s.value);
}

export default async function TokenOverviewPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("token:read");
  const { id } = await params;
  const loaded = await loadToken(user.orgId, id);
  // Without user:list the creator is "a member of this organisation": the email never leaves the server.
  const [group, usage, flags] = await Promise.all([groupOf(user.orgId, loaded), tokenUsage(user.orgId, loaded.jti), flagsOf(user.orgId, loaded.jti)]);
  const token = { ...loaded, createdByEmail: creatorShownTo(user.role, loaded.createdByEmail), groupName: group === undefined ? undefined : (group?.name ?? null) };
  const stream = token.streamNames[0] ?? group?.renditions[0]?.streamName;
  const target =
    token.targetType === "group" ? (
      <>
        {group ? (
          <Link prefetch={false} href={`/streams/${group.id}`} className="text-accent-700 hover:underline">
            {group.name}
          </Link>
        ) : (
          <span className="text-slate-500">Deleted stream</span>
        )}
        <span className="block font-mono text-xs text-slate-600 wrap-anywhere">{token.groupId}</span>
      </>
    ) : (
      describeTarget(token)
    );
  const settings: [string, React.ReactNode][] = [
    ["Target", target],
    ["Expires", <DateTime key="exp" value={token.expiresAt} />],
    ["Not before", token.notBefore ? <DateTime value={token.notBefore} /> : none],
    ["Issued", <DateTime key="iat" value={token.issuedAt} seconds />],
    ["Client IP", token.ip ?? none],
    ["Domain", token.domain ?? none],
    ["UserID", token.userClaim ?? none],
    ["Tag", token.tag ?? none],
    ["Creator", token.createdByDeleted ? <span className="text-slate-500 line-through">{token.createdByEmail} (deleted user)</span> : token.createdByEmail],
    ["Created via", token.createdVia === "api" ? "HTTP API" : "Console"],
    ["Signing key (kid)", <code key="kid" className="wrap-anywhere">{token.kid}</code>],
    ...(token.revokedAt ? ([["Revoked", <DateTime key="rev" value={token.revokedAt} />]] as [string, React.ReactNode][]) : []),
  ];

  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={<Link prefetch={false} href="/secure/token" className="hover:underline">← Secure token</Link>}
        title="Playback token"
        meta={<TokenStatusChip status={token.status} />}
        description={<>ID <code className="wrap-anywhere">{token.jti}</code> · {describeTarget(token)}</>}
        actions={can(user.role, "token:revoke") && token.status !== "revoked" ? <RevokeTokenButton id={token.id} name={tokenName(token)} jti={token.jti} size="md" /> : null}
      />
      {token.status === "revoked" ? null : (
        <TokenFlags
          flags={flags}
          addresses={recentAddresses(usage)}
          revoke={can(user.role, "token:revoke") ? <RevokeTokenButton id={token.id} name={tokenName(token)} jti={token.jti} size="md" /> : null}
        />
      )}
      <PlayerConfiguration token={token} canCreate={can(user.role, "token:create")} />
      <Section title="Settings" description="Times are UTC.">
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
          {settings.map(([label, value]) => (
            <div key={label} className="min-w-0">
              <dt className="text-xs font-medium text-slate-600">{label}</dt>
              <dd className="break-words text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      </Section>
      <TokenUsageSection usage={usage} flushSeconds={getConfig().usage.flushSeconds} />
      <Section title="Decoded token" description="The JWT's header and payload as signed (ES256).">
        <div className="grid gap-4 lg:grid-cols-2">
          {[["Header", token.header], ["Payload", token.payload]].map(([label, value]) => (
            <div key={label as string} className="min-w-0">
              <h3 className="mb-1 text-xs font-medium text-slate-600">{label as string}</h3>
              <pre className="whitespace-pre-wrap wrap-anywhere rounded-lg border border-slate-200 bg-slate-50 p-3 font-mono text-xs text-slate-900">{JSON.stringify(value, null, 2)}</pre>
            </div>
          ))}
        </div>
      </Section>
      <Section title="Test this token" description="Would an edge let a player play this stream? The same check as the authorize endpoint.">
        <TestTokenForm id={token.id} defaultStream={stream} restrictions={{ ip: token.ip, domain: token.domain }} />
      </Section>
    </div>
  );
}
