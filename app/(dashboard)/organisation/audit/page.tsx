import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { describeAuditTargets, listAuditActions, listAuditEvents } from "@/lib/data/audit";
import { auditQuerySchema } from "@/lib/validation/organisation";
import { OrganisationHeader } from "@/components/organisation/organisation-header";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { Button, buttonClasses, LinkButton } from "@/components/ui/button";
import { Pagination, searchParam, type SearchParamsRecord } from "@/components/ui/pagination";
import { AuditTable } from "@/components/organisation/audit-table";
import { toAuditTableRow } from "@/components/organisation/audit-rows";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

function exportHref(q: { actor?: string; action?: string; from?: string; to?: string }): string {
  const params = new URLSearchParams(Object.entries({ actor: q.actor, action: q.action, from: q.from, to: q.to }).filter((e): e is [string, string] => Boolean(e[1])));
  const query = params.toString();
  return `/organisation/audit/export${query ? `?${query}` : ""}`;
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const user = await requireUser("audit:read");
  const raw = await searchParams;
  const q = auditQuerySchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, searchParam(v)])));
  // Dates are YYYY-MM-DD, so text order is date order. A reversed range is said next to To, not answered with "nothing matches".
  const reversed = Boolean(q.from && q.to && q.from > q.to);
  const [{ items, nextCursor, newerCursor }, actions] = await Promise.all([
    reversed ? { items: [], nextCursor: null, newerCursor: null } : listAuditEvents(
      user.orgId,
      {
        actor: q.actor || undefined,
        action: q.action || undefined,
        from: q.from ? new Date(`${q.from}T00:00:00.000Z`) : undefined,
        to: q.to ? new Date(`${q.to}T23:59:59.999Z`) : undefined,
      },
      { limit: 50, cursor: q.after, before: q.before },
    ),
    listAuditActions(user.orgId),
  ]);
  const names = await describeAuditTargets(user.orgId, items);
  const filtered = Boolean(q.actor || q.action || q.from || q.to);
  const retentionDays = getConfig().retention.auditDays;
  return (
    <>
      <OrganisationHeader user={user} current="/organisation/audit" />
      <div className="mb-6 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 max-w-prose">
          <h2 className="text-base font-semibold text-slate-900">Audit log</h2>
          <p className="mt-1 text-slate-600">Every change that matters, and failed sign-ins: who, what, when (UTC) and the result. Newest first.</p>
          <p id="audit-export-hint" className="mt-1 text-sm text-slate-600">
            The download holds every event the filters below match{retentionDays ? `; events older than ${retentionDays} days are removed, so keep a copy before then` : ""}.
          </p>
        </div>
        {/* A plain link: the browser downloads the file, the page stays as it is. */}
        <a href={exportHref(q)} download className={buttonClasses({ variant: "secondary" })} aria-describedby="audit-export-hint">
          Download CSV
        </a>
      </div>
      <Card className="mb-6 p-4 sm:p-6">
        <form method="get" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_auto_auto_auto] lg:items-end" role="search" aria-label="Filter audit events">
          <Input name="actor" label="Actor email contains" defaultValue={q.actor ?? ""} placeholder="ana@example.com" />
          {/* The log's own action names as suggestions: the filter matches one exactly. */}
          <Input name="action" label="Action" defaultValue={q.action ?? ""} placeholder="apiKey.rotated (exact)" list="audit-actions" autoComplete="off" />
          <datalist id="audit-actions">{actions.map((action) => <option key={action} value={action} />)}</datalist>
          <Input name="from" type="date" label="From (UTC)" defaultValue={q.from ?? ""} />
          <Input name="to" type="date" label="To (UTC)" defaultValue={q.to ?? ""} error={reversed ? `To is before From (${q.from}): choose a later day, or swap them.` : undefined} />
          <div className="flex gap-2">
            <Button type="submit" variant="primary">Filter</Button>
            {filtered ? <LinkButton href="/organisation/audit" variant="ghost">Clear</LinkButton> : null}
          </div>
        </form>
      </Card>
      <Card className="overflow-hidden">
        <AuditTable rows={items.map((e) => toAuditTableRow(e, names))} caption="Audit events" />
      </Card>
      <Pagination basePath="/organisation/audit" searchParams={raw} olderCursor={nextCursor} newerCursor={newerCursor} label="Audit log pages" />
    </>
  );
}
