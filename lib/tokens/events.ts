// The registration point for token events. The webhook module wires itself in with
// setTokenEventListener(); until then events go nowhere. A failing listener never fails the
// token operation that triggered it.
export type TokenEventName = "token.created" | "token.revoked";
export type TokenEventListener = (orgId: string, event: TokenEventName, data: Record<string, unknown>) => void | Promise<void>;

let listener: TokenEventListener | null = null;

export function setTokenEventListener(fn: TokenEventListener | null): void {
  listener = fn;
}

export async function onTokenEvent(orgId: string, event: TokenEventName, data: Record<string, unknown>): Promise<void> {
  if (!listener) return;
  try {
    await listener(orgId, event, data);
  } catch (error) {
    console.error("[tokens] event listener failed", event, error instanceof Error ? error.message : error);
  }
}
