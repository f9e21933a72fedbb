// The audit log as a streamed CSV download, for the API (GET /api/v1/audit-events.csv) and the
// audit page's "Download CSV" (app/(dashboard)/organisation/audit/export): read a page at a time,
// so a long log is never held in memory whole.
import "server-only";
import { csvRow } from "@/lib/api/csv";
import { auditEventsForExport, type AuditFilter } from "@/lib/data/audit";

const COLUMNS = ["createdAt (UTC)", "actorEmail", "actorKind", "actorDeleted", "action", "result", "targetType", "targetId", "targetLabel", "details"];

export function auditCsvResponse(orgId: string, filter: AuditFilter): Response {
  const events = auditEventsForExport(orgId, filter);
  const encoder = new TextEncoder();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvRow(COLUMNS)));
        return;
      }
      const next = await events.next();
      if (next.done) return controller.close();
      const e = next.value;
      controller.enqueue(encoder.encode(csvRow([e.createdAt, e.actorEmail, e.actorKind, e.actorDeleted, e.action, e.result, e.targetType, e.targetId, e.targetLabel, e.details])));
    },
    async cancel() {
      await events.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="playgate-audit-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
