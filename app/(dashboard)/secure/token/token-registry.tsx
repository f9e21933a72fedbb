// The token registry: every token the organisation issued, newest first, filtered in the URL.
import Link from "next/link";
import { listPlaybackTokens } from "@/lib/data/playback-tokens";
import { Table } from "@/components/ui/table";
import { Input, Select } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination, type SearchParamsRecord } from "@/components/ui/pagination";
import { LockIcon } from "@/components/ui/icons";
import { TokenStatusChip } from "@/components/tokens/token-status-chip";
import { describeTarget, STATUS_LABELS } from "@/components/tokens/token-text";
import { RegistryRevokeController } from "./revoke-controls";
import { RevokeRowButton } from "./revoke-row-button";

const PAGE_SIZE = 20;
const STATUSES = ["active", "not_yet_valid", "expired", "revoked"] as const;
type Status = (typeof STATUSES)[number];
type Row = Awaited<ReturnType<typeof listPlaybackTokens>>["items"][number];

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

/** The kind on one line, what it names below it, so ids never wrap mid-word. */
function TargetCell({ token }: { token: Row }) {
  if (token.targetType === "org") return <span className="whitespace-nowrap">Whole organisation</span>;
  const detail = token.targetType === "group" ? token.groupId : token.streamNames.join(", ");
  return (
    <span className="block min-w-0">
      <span className="block whitespace-nowrap">{token.targetType === "group" ? "Stream group" : `${token.streamNames.length} stream name${token.streamNames.length === 1 ? "" : "s"}`}</span>
      <span className="block max-w-56 truncate font-mono text-xs text-slate-600" title={detail ?? ""}>{detail}</span>
    </span>
  );
}

export async function TokenRegistry({ orgId, searchParams, canRevoke }: { orgId: string; searchParams: SearchParamsRecord; canRevoke: boolean }) {
  const statusParam = one(searchParams.status);
  const status = STATUSES.includes(statusParam as Status) ? (statusParam as Status) : undefined;
  const tag = one(searchParams.tag)?.slice(0, 64);
  const { items, nextCursor, newerCursor } = await listPlaybackTokens(orgId, { status, tag, limit: PAGE_SIZE, cursor: one(searchParams.after), before: one(searchParams.before) });
  const filtered = Boolean(status || tag);

  const columns = [
    // Plain <a> in rows: next/link would hydrate (and prefetch) one client component per row (PERF P7).
    { header: "Created", cell: (t: Row) => <a href={`/secure/token/${t.id}`} className="text-accent-700 hover:underline" title={`Open token ${t.jti}`}><DateTime value={t.issuedAt} /></a> },
    { header: "Target", cell: (t: Row) => <TargetCell token={t} /> },
    {
      header: "Tag / UserID",
      cell: (t: Row) =>
        t.tag || t.userClaim ? (
          <span className="block break-words">
            {t.tag ? <span className="block">{t.tag}</span> : null}
            {t.userClaim ? <span className="block text-xs text-slate-600">UserID {t.userClaim}</span> : null}
          </span>
        ) : (
          <span className="text-slate-500">—</span>
        ),
    },
    {
      header: "Status",
      cell: (t: Row) => (
        <span className="flex flex-col items-end gap-1 md:items-start">
          <TokenStatusChip status={t.status} />
          <span className="text-xs text-slate-600">expires <DateTime value={t.expiresAt} /></span>
        </span>
      ),
    },
    {
      header: "Creator",
      cell: (t: Row) =>
        t.createdByDeleted ? (
          <span className="text-slate-500 line-through decoration-slate-400" title="This user has been deleted">{t.createdByEmail} <span className="no-underline">(deleted user)</span></span>
        ) : (
          <span className="break-words">{t.createdByEmail}</span>
        ),
    },
    {
      header: "Actions",
      hideHeader: true,
      align: "right" as const,
      cell: (t: Row) => (
        <div className="flex justify-end">
          {canRevoke && t.status !== "revoked" ? <RevokeRowButton id={t.id} label={`${t.jti} (${describeTarget(t)})`} /> : null}
        </div>
      ),
    },
  ];

  // Wide screens scroll the table itself, never the page.
  const table = (
    <div className="relative overflow-x-auto">
      <Table
        caption="Issued playback tokens"
        columns={columns}
        rows={items}
        rowKey={(t) => t.id}
        empty={
          <div className="p-4">
            <EmptyState icon={<LockIcon className="size-6" />} title={filtered ? "No tokens match these filters" : "No tokens issued yet"} description={filtered ? "Change or clear the filters." : "Tokens you create appear here with their status."} />
          </div>
        }
      />
    </div>
  );

  return (
    <div>
      <form method="get" action="/secure/token" className="flex flex-col gap-3 border-b border-slate-200 px-4 py-4 sm:flex-row sm:items-end sm:px-6" aria-label="Filter tokens">
        <div className="sm:w-48">
          <Select label="Status" name="status" defaultValue={status ?? ""} options={[{ value: "", label: "Any status" }, ...STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))]} />
        </div>
        <div className="sm:w-56">
          <Input label="Tag" name="tag" defaultValue={tag ?? ""} placeholder="any tag" />
        </div>
        <div className="flex gap-2">
          <Button type="submit" variant="secondary">Filter</Button>
          {filtered ? <Link prefetch={false} href="/secure/token" className="self-center text-sm font-medium text-accent-700 underline">Clear</Link> : null}
        </div>
      </form>
      {canRevoke ? <RegistryRevokeController>{table}</RegistryRevokeController> : table}
      <div className="px-4 sm:px-6">
        <Pagination basePath="/secure/token" searchParams={searchParams} olderCursor={nextCursor} newerCursor={newerCursor} label="Token pages" />
      </div>
    </div>
  );
}
