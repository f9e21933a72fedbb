"use client";
// The registry's table renders in the browser's React tree from compact rows (toRegistryRow) that
// the server component loads. As a server component every row travelled twice, as HTML and again as
// its element tree in the RSC payload, so render time grew with the rows shown (docs/performance.md#p5); now the
// payload carries only the row data and the HTML is still rendered on the server.
import { Table } from "@/components/ui/table";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { LockIcon } from "@/components/ui/icons";
import { TokenStatusChip } from "@/components/tokens/token-status-chip";
import { tokenName } from "@/lib/tokens/token-text";
import type { TokenStatus } from "@/lib/tokens/status";
import { RegistryRevokeController } from "./revoke-controls";
import { RevokeRowButton } from "./revoke-row-button";

/** What the registry is sent per token: only what it shows (never the token itself). */
export type RegistryRow = {
  id: string;
  jti: string;
  status: TokenStatus;
  targetType: "group" | "streams" | "org";
  groupId: string | null;
  /** The group's stream name; null when the stream was deleted. */
  groupName: string | null;
  streamNames: string[];
  tag: string | null;
  userClaim: string | null;
  issuedAt: Date;
  expiresAt: Date;
  createdByEmail: string;
  createdByDeleted: boolean;
};

/** A group by its stream's name with the id in small print; stream names listed; ids never wrap mid-word. */
function TargetCell({ token }: { token: RegistryRow }) {
  if (token.targetType === "org") return <span className="whitespace-nowrap">Whole organisation</span>;
  const group = token.targetType === "group";
  const title = group ? (token.groupName ?? "Deleted stream") : `${token.streamNames.length} stream name${token.streamNames.length === 1 ? "" : "s"}`;
  const detail = group ? token.groupId : token.streamNames.join(", ");
  return (
    <span className="block min-w-0">
      <span className={`block max-w-56 truncate ${group && token.groupName === null ? "text-slate-500" : ""}`} title={title}>{title}</span>
      <span className="block max-w-56 truncate font-mono text-xs text-slate-600" title={detail ?? ""}>{detail}</span>
    </span>
  );
}

const columns = (canRevoke: boolean) => [
  // Plain <a> in rows: next/link would hydrate (and prefetch) one client component per row (docs/performance.md#p7).
  { header: "Created", cell: (t: RegistryRow) => <a href={`/secure/token/${t.id}`} className="text-accent-700 hover:underline" title={`Open token ${t.jti}`}><DateTime value={t.issuedAt} /></a> },
  { header: "Target", cell: (t: RegistryRow) => <TargetCell token={t} /> },
  {
    header: "Tag / UserID",
    cell: (t: RegistryRow) =>
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
    cell: (t: RegistryRow) => (
      <span className="flex flex-col items-end gap-1 md:items-start">
        <TokenStatusChip status={t.status} />
        <span className="text-xs text-slate-600">expires <DateTime value={t.expiresAt} /></span>
      </span>
    ),
  },
  {
    header: "Creator",
    cell: (t: RegistryRow) =>
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
    cell: (t: RegistryRow) => (
      <div className="flex justify-end">
        {canRevoke && t.status !== "revoked" ? <RevokeRowButton id={t.id} name={tokenName(t)} jti={t.jti} /> : null}
      </div>
    ),
  },
];

export function RegistryTable({ rows, canRevoke, filtered }: { rows: RegistryRow[]; canRevoke: boolean; filtered: boolean }) {
  // Wide screens scroll the table itself, never the page.
  const table = (
    <div className="relative overflow-x-auto">
      <Table
        caption="Issued playback tokens"
        columns={columns(canRevoke)}
        rows={rows}
        rowKey={(t) => t.id}
        empty={
          <div className="p-4">
            <EmptyState icon={<LockIcon className="size-6" />} title={filtered ? "No tokens match these filters" : "No tokens issued yet"} description={filtered ? "Change or clear the filters." : "Tokens you create appear here with their status."} />
          </div>
        }
      />
    </div>
  );
  return canRevoke ? <RegistryRevokeController>{table}</RegistryRevokeController> : table;
}
