// The registration point for token events. The webhook module wires itself in with
// setTokenEventListener(); until then events go nowhere. A failing listener never fails the
// token operation that triggered it.
export type TokenEventName = "token.created" | "token.revoked";
export type TokenEventListener = (orgId: string, event: TokenEventName, data: Record<string, unknown>) => void | Promise<void>;

// Kept on globalThis: Next may load one copy of this module for instrumentation (where the
// webhook worker registers) and another for route handlers and actions (where events happen).
const slot = globalThis as unknown as { __playgateTokenListener?: TokenEventListener | null };

export function setTokenEventListener(fn: TokenEventListener | null): void {
  slot.__playgateTokenListener = fn;
}

export async function onTokenEvent(orgId: string, event: TokenEventName, data: Record<string, unknown>): Promise<void> {
  const listener = slot.__playgateTokenListener;
  if (!listener) return;
  try {
    await listener(orgId, event, data);
  } catch (error) {
    console.error("[tokens] event listener failed", event, error instanceof Error ? error.message : error);
  }
}
