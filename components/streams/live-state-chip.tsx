"use client";
// A stream's Live / Idle chip that follows the media server: every chip on the page registers its
// stream, and one poll every 1.5 s (while the tab is visible) asks /streams/states for all of them,
// so publish and unpublish show without a reload. The server's rendering is the first value.
import { useEffect, useSyncExternalStore } from "react";
import { StreamStateChip } from "./stream-chips";

export const STATE_POLL_MS = 1_500;

const states = new Map<string, string>();
const watched = new Map<string, number>(); // id → chips showing it
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

async function poll() {
  if (document.visibilityState !== "visible" || watched.size === 0) return;
  try {
    const res = await fetch(`/streams/states?ids=${[...watched.keys()].map(encodeURIComponent).join(",")}`, { cache: "no-store", headers: { Accept: "application/json" } });
    if (!res.ok) return;
    const body = (await res.json()) as { states: Record<string, string> };
    let changed = false;
    for (const [id, state] of Object.entries(body.states)) {
      if (states.get(id) !== state) {
        states.set(id, state);
        changed = true;
      }
    }
    if (changed) for (const l of listeners) l();
  } catch {
    // offline or signed out: the chip keeps its last state, the next poll tries again
  }
}

function watch(id: string, initial: string) {
  if (!states.has(id)) states.set(id, initial);
  watched.set(id, (watched.get(id) ?? 0) + 1);
  timer ??= setInterval(poll, STATE_POLL_MS);
  return () => {
    const n = (watched.get(id) ?? 1) - 1;
    if (n > 0) watched.set(id, n);
    else watched.delete(id);
    if (watched.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function LiveStateChip({ id, state, announce = false }: { id: string; state: string; announce?: boolean }) {
  useEffect(() => watch(id, state), [id, state]);
  const current = useSyncExternalStore(subscribe, () => states.get(id) ?? state, () => state);
  // One live region on a stream's own page; a table of chips would talk over itself.
  return announce ? (
    <span role="status" aria-live="polite">
      <StreamStateChip state={current} />
    </span>
  ) : (
    <StreamStateChip state={current} />
  );
}
