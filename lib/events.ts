// The registration point for the events the data layer announces (tokens created or revoked,
// users invited or deleted). The webhook module wires itself in with setOrgEventListener(); until
// then events go nowhere. Raising them here, not in actions or route handlers, gives the UI and
// the HTTP API the same events. A failing listener never fails the operation that raised it.
export type OrgEventName = "token.created" | "token.revoked" | "user.invited" | "user.deleted";
export type OrgEventListener = (orgId: string, event: OrgEventName, data: Record<string, unknown>) => void | Promise<void>;

// Kept on globalThis: Next may load one copy of this module for instrumentation (where the
// webhook worker registers) and another for route handlers and actions (where events happen).
const slot = globalThis as unknown as { __playgateOrgEventListener?: OrgEventListener | null };

export function setOrgEventListener(fn: OrgEventListener | null): void {
  slot.__playgateOrgEventListener = fn;
}

export async function raiseOrgEvent(orgId: string, event: OrgEventName, data: Record<string, unknown>): Promise<void> {
  const listener = slot.__playgateOrgEventListener;
  if (!listener) return;
  try {
    await listener(orgId, event, data);
  } catch (error) {
    console.error("[events] listener failed", event, error instanceof Error ? error.message : error);
  }
}
