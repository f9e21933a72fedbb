// The registry's suspicious tokens (lib/data/misuse.ts): every token that still works and raised a
// misuse signal, the furthest over its line first, each with what it raised and a revoke button.
import Link from "next/link";
import { Section } from "@/components/ui/card";
import { Chip } from "@/components/ui/chip";
import { DateTime } from "@/components/ui/date-time";
import { suspiciousTokens } from "@/lib/data/misuse";
import { RevokeFlaggedByTagButton, RevokeTokenButton } from "./revoke-controls";

export const SUSPICIOUS_ANCHOR = "suspicious";

export async function SuspiciousTokens({ orgId, canRevoke }: { orgId: string; canRevoke: boolean }) {
  const rows = await suspiciousTokens(orgId);
  if (rows.length === 0) return null;
  const tags = new Map<string, number>();
  for (const t of rows) if (t.tag) tags.set(t.tag, (tags.get(t.tag) ?? 0) + 1);
  return (
    <Section id={SUSPICIOUS_ANCHOR} className="scroll-mt-18" title={`Suspicious tokens (${rows.length})`} description="Tokens that still work and look shared or leaked, the furthest over its line first. Revoke a leaked one: edges refuse it from the next check." flush>
      {canRevoke && tags.size ? (
        <div className="flex flex-wrap gap-2 border-b border-slate-200 px-4 py-3 sm:px-6" aria-label="Revoke flagged tokens by tag" role="group">
          {[...tags].map(([tag, count]) => <RevokeFlaggedByTagButton key={tag} tag={tag} count={count} />)}
        </div>
      ) : null}
      <ul className="divide-y divide-slate-200">
        {rows.map((t) => {
          const name = t.tag ? `Token “${t.tag}”` : `Token ${t.jti}`;
          return (
            <li key={t.id} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3 sm:px-6" data-suspicious-token={t.id}>
              <div className="min-w-0">
                <Link prefetch={false} href={`/secure/token/${t.id}`} className="font-medium text-accent-700 hover:underline">{name}</Link>
                <span className="block font-mono text-xs text-slate-600 wrap-anywhere">{t.jti} · expires <DateTime value={t.expiresAt} /></span>
                <ul className="mt-1 flex flex-wrap gap-2" aria-label="Signals">
                  {t.flags.map((f) => (
                    <li key={f.signal} title={f.explanation}><Chip tone="warning">{f.title}: {f.value}{f.threshold ? ` (line ${f.threshold})` : ""}</Chip></li>
                  ))}
                </ul>
              </div>
              {canRevoke ? <RevokeTokenButton id={t.id} name={name} jti={t.jti} /> : null}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
