// Stream Instructions: the token information for this stream (the seed's "view the token
// information"): the newest active tokens whose target is this stream group, each opening its
// overview (where the token and the player's security object are copied), and the way to every
// token of the group in the registry. Server-rendered; plain links, no client island.
import { listPlaybackTokens } from "@/lib/data/playback-tokens";
import { Section } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { registryHref, tokenLabels } from "@/lib/tokens/token-text";

export const STREAM_TOKENS_SHOWN = 5;

const sentenceCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export async function StreamTokens({ orgId, streamId, canCreate }: { orgId: string; streamId: string; canCreate: boolean }) {
  const { items, nextCursor } = await listPlaybackTokens(orgId, { group: streamId, status: "active", limit: STREAM_TOKENS_SHOWN });
  const all = registryHref("group", streamId);
  return (
    <Section
      title="Playback tokens for this stream"
      description="Active tokens whose target is this stream group, newest first. Times are UTC. Tokens for the whole organisation, or listing this stream's names, play it too."
    >
      {items.length === 0 ? (
        <EmptyState
          title="No active token for this stream group"
          description={canCreate ? "Create one with the Create playback token button at the top of this page." : "Ask a user or admin of your organisation to create one."}
        />
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Active tokens for this stream">
          {items.map((t) => (
            <li key={t.id} className="flex flex-col gap-1 py-3 first:pt-0 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
              <span className="min-w-0">
                <a href={`/secure/token/${t.id}`} className="font-medium text-accent-700 hover:underline">
                  Issued <DateTime value={t.issuedAt} />
                </a>
                {t.tag || t.userClaim ? <span className="block text-sm text-slate-600 wrap-anywhere">{sentenceCase(tokenLabels(t).join(" · "))}</span> : null}
              </span>
              <span className="text-sm text-slate-600">
                Expires <DateTime value={t.expiresAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-4 text-sm">
        <a href={all} className="font-medium text-accent-700 underline">
          All tokens for this stream group
        </a>{" "}
        <span className="text-slate-600">{nextCursor ? `(${STREAM_TOKENS_SHOWN} newest active shown here)` : "(also expired and revoked)"}</span>
      </p>
    </Section>
  );
}
