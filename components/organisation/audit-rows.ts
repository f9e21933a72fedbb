// What an audit table is sent per event: only the columns it shows (never the event's details),
// since AuditTable is a client component. Targets are named as the rest of the console names them
// (a stream by its name, a user by email, a token by its tag) and link to where they are managed.
import { auditTargetKey, type AuditTargetName } from "@/lib/data/audit";

export type AuditTableRow = {
  id: string;
  createdAt: Date;
  actorEmail: string;
  actorDeleted: boolean;
  actorAnonymous: boolean;
  action: string;
  target: string;
  /** Small print under the target: its id, or "deleted". */
  targetNote: string | null;
  targetHref: string | null;
  result: string;
};

type AuditEventLike = {
  id: string;
  createdAt: Date;
  actorEmail: string;
  actorKind: string;
  actorDeleted: boolean;
  action: string;
  targetType: string | null;
  targetLabel: string | null;
  targetId: string | null;
  result: string;
};

type Target = Pick<AuditTableRow, "target" | "targetNote" | "targetHref">;

/** Where a kind of target is managed, for targets that have no page of their own. */
const HOME: Record<string, string> = {
  apiKey: "/organisation/overview",
  webhook: "/organisation/overview",
  organisation: "/organisation/overview",
  package: "/organisation/overview",
  invitation: "/organisation/users",
  signingKey: "/secure/token",
};

function describeTarget(e: AuditEventLike, names: Map<string, AuditTargetName>): Target {
  const { targetType: type, targetId: id, targetLabel: label } = e;
  const plain = label ?? id ?? "—";
  const known = type && id ? names.get(auditTargetKey(type, id)) : undefined;
  const gone = known ? !known.exists : false;
  const note = (text: string | null) => (gone ? (text ? `${text} · deleted` : "deleted") : text);
  switch (type) {
    case "stream":
      return { target: known?.name ?? plain, targetNote: note(id), targetHref: id && !gone ? `/streams/${encodeURIComponent(id)}` : null };
    case "playbackToken": {
      if (!id) return { target: plain, targetNote: null, targetHref: "/secure/token" }; // a bulk revoke: its tag or stream
      const name = known?.name ? `Token “${known.name}”` : "Token";
      return { target: name, targetNote: note(label), targetHref: gone ? null : `/secure/token/${encodeURIComponent(id)}` };
    }
    case "user":
      return { target: known?.name ?? label ?? "A deleted user", targetNote: gone ? "deleted" : null, targetHref: gone ? null : "/organisation/users" };
    case "webhookDelivery":
      return { target: "Webhook delivery", targetNote: id, targetHref: id ? `/organisation/overview/deliveries/${encodeURIComponent(id)}` : null };
    case "signingKey":
      return { target: `Signing key ${plain}`, targetNote: null, targetHref: HOME.signingKey };
    case "invitation":
      return { target: label ? `Invitation (${label})` : "Invitation", targetNote: null, targetHref: HOME.invitation };
    default:
      return { target: plain, targetNote: null, targetHref: type ? (HOME[type] ?? null) : null };
  }
}

export function toAuditTableRow(e: AuditEventLike, names: Map<string, AuditTargetName> = new Map()): AuditTableRow {
  return {
    id: e.id,
    createdAt: e.createdAt,
    actorEmail: e.actorEmail,
    actorDeleted: e.actorDeleted,
    actorAnonymous: e.actorKind === "anonymous",
    action: e.action,
    ...describeTarget(e, names),
    result: e.result,
  };
}
