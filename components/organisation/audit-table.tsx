"use client";
// Audit events as a table (cards on phones): time in UTC, who (deleted users and sign-ins by someone
// not signed in marked), what, on what (named and linked), result.
// A client component fed compact rows (toAuditTableRow), like the users table: see README "Architecture".
import Link from "next/link";
import { Chip } from "@/components/ui/chip";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";
import type { AuditTableRow as AuditRow } from "./audit-rows";

export function AuditTable({ rows, caption }: { rows: AuditRow[]; caption: string }) {
  return (
    <Table<AuditRow>
      caption={caption}
      rows={rows}
      rowKey={(r) => r.id}
      empty={<div className="p-4"><EmptyState title="No audit events" description="Nothing matches. Changes appear here as they happen." /></div>}
      columns={[
        { header: "Time", cell: (r) => <DateTime value={r.createdAt} seconds /> },
        {
          header: "Actor",
          cell: (r) => (
            <span className="wrap-anywhere">
              {r.actorEmail}
              {r.actorDeleted ? <Chip className="ml-2">deleted user</Chip> : null}
              {r.actorAnonymous ? <Chip className="ml-2">not signed in</Chip> : null}
            </span>
          ),
        },
        { header: "Action", cell: (r) => <span className="font-mono">{r.action}</span> },
        {
          header: "Target",
          cell: (r) => (
            <span className="wrap-anywhere">
              {r.targetHref ? <Link prefetch={false} href={r.targetHref} className="font-medium text-accent-700 hover:underline">{r.target}</Link> : r.target}
              {r.targetNote ? <span className="block font-mono text-xs text-slate-500">{r.targetNote}</span> : null}
            </span>
          ),
        },
        { header: "Result", cell: (r) => <Chip tone={r.result === "ok" ? "success" : r.result === "denied" ? "warning" : "danger"}>{r.result}</Chip> },
      ]}
    />
  );
}
