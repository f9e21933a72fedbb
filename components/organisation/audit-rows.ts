// What an audit table is sent per event: only the columns it shows (never the event's details),
// since AuditTable is a client component.
export type AuditTableRow = { id: string; createdAt: Date; actorEmail: string; actorDeleted: boolean; action: string; target: string; result: string };

export function toAuditTableRow(e: { id: string; createdAt: Date; actorEmail: string; actorDeleted: boolean; action: string; targetLabel: string | null; targetId: string | null; result: string }): AuditTableRow {
  return { id: e.id, createdAt: e.createdAt, actorEmail: e.actorEmail, actorDeleted: e.actorDeleted, action: e.action, target: e.targetLabel ?? e.targetId ?? "—", result: e.result };
}
