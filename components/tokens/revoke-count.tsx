"use client";
// The number a revoke confirmation names (bulk by tag or UserID, a signing key), asked of the server
// when the confirmation opens.
import { useEffect, useState } from "react";
import type { ActionState } from "@/lib/actions";

type CountAction = (prev: ActionState<{ count: number }>, input: Record<string, string>) => Promise<ActionState<{ count: number }>>;

/**
 * "This revokes 23 tokens …": the server counts with the revoke's own where-clause when the
 * confirmation opens (it mounts with the dialog's content), so the number is what gets revoked.
 */
export function RevokeCount({ count, field, value, sentence, onCount }: { count: CountAction; field: string; value: string; sentence: (n: number) => string; onCount?: (n: number) => void }) {
  const [state, setState] = useState<{ n: number } | { error: string } | null>(null);
  useEffect(() => {
    let live = true;
    const failed = (message?: string) => ({ error: `Could not count the tokens this affects. ${message ?? "Try again."}` });
    count(undefined, { [field]: value }).then(
      (result) => {
        if (!live) return;
        setState(result?.ok ? { n: result.data?.count ?? 0 } : failed(result?.message));
        if (result?.ok) onCount?.(result.data?.count ?? 0);
      },
      () => { if (live) setState(failed()); },
    );
    return () => { live = false; };
  }, [count, field, value, onCount]);
  return (
    <p role="status" className="mt-2 font-medium text-slate-900">
      {state === null ? "Counting…" : "n" in state ? sentence(state.n) : state.error}
    </p>
  );
}
