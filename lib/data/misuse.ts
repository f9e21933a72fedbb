import "server-only";
// Misuse signals (issue 21, point 3), judged from the usage counts (lib/data/usage.ts) after each
// flush, for the tokens that flush touched:
//   many_addresses          more distinct client addresses within the last hour than the
//                           organisation's misuseMaxAddresses (default 3): a link shared around;
//   many_viewers            more distinct addresses within the last 30 s than misuseMaxViewers
//                           (default 2): "viewers now" of one token, as the HTTP check counts them;
//   foreign_origin          a token with a domain restriction checked from another origin or none;
//   refused_still_arriving  checks refused as expired or revoked keep coming: a leaked link in use.
// A signal is raised once per token (a TokenFlag row, inserted with its token.suspicious webhook
// event in one transaction, so two instances cannot both send it); later flushes keep its value
// current, which orders the registry's suspicious list by how far over each token is.
import { LRUCache } from "lru-cache";
import { db, isUniqueViolation } from "@/lib/db";
import { inTransaction } from "@/lib/data/transaction";
import { enqueueWebhook } from "@/lib/data/webhooks";
import { VIEWER_WINDOW_MS } from "@/lib/data/viewers";
import { recordAudit } from "@/lib/data/audit";
import { assertCan } from "@/lib/permissions";
import type { Actor } from "@/lib/auth/actor";

export const SIGNALS = {
  many_addresses: { title: "Many addresses", explain: (v: number, t: number) => `Checked from ${v} different client addresses within an hour (more than ${t}).` },
  many_viewers: { title: "Many viewers at once", explain: (v: number, t: number) => `${v} viewers at once on different addresses (more than ${t}).` },
  foreign_origin: { title: "Used outside its domain", explain: (v: number) => `${v} checks came from a page outside the token's domain, or named none.` },
  refused_still_arriving: { title: "Still in circulation", explain: (v: number) => `${v} checks arrived after it expired or was revoked: the link is still being used.` },
} as const;
export type Signal = keyof typeof SIGNALS;

const HOUR_MS = 60 * 60 * 1000;
const LEAK_REASONS = ["expired", "revoked", "key_revoked"];
const DOMAIN_REASONS = ["domain_not_allowed", "domain_required"];

type Measured = { jti: string; orgId: string; signal: Signal; value: number; threshold: number };

/** The signals each of these tokens raises now, with how far over it is. */
async function measure(jtis: string[], now: number): Promise<Measured[]> {
  if (jtis.length === 0) return [];
  const [usage, recent, outcomes, tokens] = await Promise.all([
    db.tokenUsage.findMany({ where: { jti: { in: jtis } }, select: { jti: true, orgId: true } }),
    db.tokenSighting.findMany({ where: { jti: { in: jtis }, kind: "ip", lastSeenAt: { gte: new Date(now - HOUR_MS) } }, select: { jti: true, lastSeenAt: true } }),
    db.tokenUsageOutcome.findMany({ where: { jti: { in: jtis }, outcome: { in: [...LEAK_REASONS, ...DOMAIN_REASONS] } } }),
    db.playbackToken.findMany({ where: { jti: { in: jtis } }, select: { jti: true, domain: true } }),
  ]);
  const orgIds = [...new Set(usage.map((u) => u.orgId))];
  const orgs = new Map((await db.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, misuseMaxAddresses: true, misuseMaxViewers: true } })).map((o) => [o.id, o]));
  const domainOf = new Map(tokens.map((t) => [t.jti, t.domain]));
  const found: Measured[] = [];
  for (const { jti, orgId } of usage) {
    const org = orgs.get(orgId);
    if (!org) continue; // the organisation is gone
    const mine = recent.filter((s) => s.jti === jti);
    const addresses = mine.length;
    const viewers = mine.filter((s) => s.lastSeenAt.getTime() >= now - VIEWER_WINDOW_MS).length;
    const counted = (reasons: string[]) => outcomes.filter((o) => o.jti === jti && reasons.includes(o.outcome)).reduce((sum, o) => sum + o.count, 0);
    if (addresses > org.misuseMaxAddresses) found.push({ jti, orgId, signal: "many_addresses", value: addresses, threshold: org.misuseMaxAddresses });
    if (viewers > org.misuseMaxViewers) found.push({ jti, orgId, signal: "many_viewers", value: viewers, threshold: org.misuseMaxViewers });
    const foreign = domainOf.get(jti) ? counted(DOMAIN_REASONS) : 0;
    if (foreign > 0) found.push({ jti, orgId, signal: "foreign_origin", value: foreign, threshold: 0 });
    const leaked = counted(LEAK_REASONS);
    if (leaked > 0) found.push({ jti, orgId, signal: "refused_still_arriving", value: leaked, threshold: 0 });
  }
  return found;
}

// The two signals measured by refused checks grow with every check of a leaked token: a flag of
// theirs this process raised or raised the value of lately is judged again at most once a minute,
// so a revoked token still asked for every second does not cost writes on every flush. The address
// signals change only when a new address appears, and are judged every time.
const TOUCH_EVERY_MS = 60_000;
const COUNTED: ReadonlySet<Signal> = new Set(["foreign_origin", "refused_still_arriving"]);
const touched = new LRUCache<string, number>({ max: 100_000 });

/**
 * Raises the signals these tokens show now: new flags with their webhook events (one transaction),
 * or a higher value on existing ones. Called after a flush with the tokens worth judging. Returns
 * the flags raised now.
 */
export async function evaluateMisuse(jtis: string[], now = Date.now()): Promise<Measured[]> {
  const fresh = (m: Measured) => COUNTED.has(m.signal) && (touched.get(`${m.jti}\n${m.signal}`) ?? -Infinity) > now - TOUCH_EVERY_MS;
  const measured = (await measure(jtis, now)).filter((m) => !fresh(m));
  if (measured.length === 0) return [];
  const existing = await db.tokenFlag.findMany({ where: { jti: { in: [...new Set(measured.map((m) => m.jti))] } }, select: { jti: true, signal: true, value: true } });
  const known = new Map(existing.map((f) => [`${f.jti}\n${f.signal}`, f.value]));
  const raise: Measured[] = [];
  for (const m of measured) {
    const key = `${m.jti}\n${m.signal}`;
    touched.set(key, now);
    const before = known.get(key);
    if (before === undefined) raise.push(m);
    else if (m.value > before) await db.tokenFlag.updateMany({ where: { jti: m.jti, signal: m.signal, value: { lt: m.value } }, data: { value: m.value, threshold: m.threshold } });
  }
  if (raise.length === 0) return [];
  const insert = (list: Measured[]) =>
    inTransaction(async (tx) => {
      const tokens = new Map((await tx.playbackToken.findMany({ where: { jti: { in: list.map((m) => m.jti) } }, select: { jti: true, id: true, tag: true } })).map((t) => [t.jti, t]));
      for (const m of list) {
        await tx.tokenFlag.create({ data: { jti: m.jti, signal: m.signal, orgId: m.orgId, value: m.value, threshold: m.threshold } });
        const token = tokens.get(m.jti);
        await enqueueWebhook(tx, m.orgId, "token.suspicious", { tokenId: token?.id ?? null, jti: m.jti, tag: token?.tag ?? null, signal: m.signal, value: m.value, threshold: m.threshold, explanation: SIGNALS[m.signal].explain(m.value, m.threshold) });
      }
    });
  try {
    await insert(raise);
    return raise;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  // Another instance raised one of them first: one by one, so each goes out exactly once.
  const raised: Measured[] = [];
  for (const m of raise) {
    try {
      await insert([m]);
      raised.push(m);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return raised;
}

/** For tests: judge every flag again at the next flush. */
export function resetMisuseMemoForTests(): void {
  touched.clear();
}

/** The organisation's lines. */
export async function getMisuseLines(orgId: string): Promise<{ maxAddresses: number; maxViewers: number }> {
  const org = await db.organisation.findUniqueOrThrow({ where: { id: orgId }, select: { misuseMaxAddresses: true, misuseMaxViewers: true } });
  return { maxAddresses: org.misuseMaxAddresses, maxViewers: org.misuseMaxViewers };
}

/** New lines, audited with what they were; flags already raised stay (they said what was true then). */
export async function saveMisuseLines(actor: Actor, input: { maxAddresses: number; maxViewers: number }): Promise<void> {
  assertCan(actor.role, "misuse:manage");
  await inTransaction(async (tx) => {
    const before = await tx.organisation.findUniqueOrThrow({ where: { id: actor.orgId }, select: { misuseMaxAddresses: true, misuseMaxViewers: true } });
    await tx.organisation.update({ where: { id: actor.orgId }, data: { misuseMaxAddresses: input.maxAddresses, misuseMaxViewers: input.maxViewers } });
    await recordAudit(tx, actor, {
      action: "misuse.lines_changed",
      target: { type: "organisation", id: actor.orgId },
      details: { from: { maxAddresses: before.misuseMaxAddresses, maxViewers: before.misuseMaxViewers }, to: input },
    });
  });
}

export interface TokenFlagView {
  signal: Signal;
  title: string;
  explanation: string;
  value: number;
  threshold: number;
  raisedAt: Date;
}

const view = (f: { signal: string; value: number; threshold: number; raisedAt: Date }): TokenFlagView | null => {
  if (!(f.signal in SIGNALS)) return null;
  const signal = f.signal as Signal;
  return { signal, title: SIGNALS[signal].title, explanation: SIGNALS[signal].explain(f.value, f.threshold), value: f.value, threshold: f.threshold, raisedAt: f.raisedAt };
};

/** The signals a token of this organisation raised, worst first. */
export async function flagsOf(orgId: string, jti: string): Promise<TokenFlagView[]> {
  const rows = await db.tokenFlag.findMany({ where: { orgId, jti }, orderBy: { raisedAt: "asc" } });
  return rows.map(view).filter((f): f is TokenFlagView => f !== null).sort((a, b) => overBy(b) - overBy(a));
}

/** How far over its line a flag is: the measure over the threshold (a count for the 0-line signals). */
const overBy = (f: { value: number; threshold: number }) => (f.threshold > 0 ? f.value / f.threshold : f.value);

/** The organisation's flagged tokens that still work, most over first (at most `limit`). */
export async function suspiciousTokens(orgId: string, limit = 50) {
  const flags = await db.tokenFlag.findMany({ where: { orgId }, orderBy: { raisedAt: "desc" }, take: 2_000 });
  const jtis = [...new Set(flags.map((f) => f.jti))];
  const tokens = await db.playbackToken.findMany({ where: { orgId, jti: { in: jtis }, revokedAt: null, expiresAt: { gt: new Date() } }, select: { id: true, jti: true, tag: true, expiresAt: true } });
  const byJti = new Map(tokens.map((t) => [t.jti, t]));
  const rows = jtis.flatMap((jti) => {
    const token = byJti.get(jti);
    if (!token) return [];
    const mine = flags.filter((f) => f.jti === jti).map(view).filter((f): f is TokenFlagView => f !== null);
    const worst = Math.max(...mine.map(overBy));
    return [{ ...token, flags: mine.sort((a, b) => overBy(b) - overBy(a)), overBy: worst }];
  });
  return rows.sort((a, b) => b.overBy - a.overBy).slice(0, limit);
}
