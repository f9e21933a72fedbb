// Who is acting: a signed-in user, a user's session API token, the organisation's master API
// key, or the system (CLI, seed). Every data-layer write takes one, for scoping and audit.
import type { Role } from "@/lib/permissions";

export type ActorKind = "user" | "session_token" | "api_key" | "system";

export interface Actor {
  kind: ActorKind;
  orgId: string;
  role: Role;
  /** Null for the master API key and the system. */
  userId: string | null;
  /** Snapshot for audit; for API keys the masked key. */
  email: string;
  /** What acted, for audit: "session", "pg_st_ab12…", "pg_live_Ab…9z", "cli". */
  label: string;
}

export function systemActor(orgId: string, label = "system"): Actor {
  return { kind: "system", orgId, role: "admin", userId: null, email: label, label };
}
