"use client";
// "Send test event" and "Redeliver": each queues a delivery; the log refreshes from the server.
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/actions";
import { redeliverAction, sendTestEventAction } from "./actions";

function useRun() {
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const router = useRouter();
  const run = (work: () => Promise<ActionState>) =>
    start(async () => {
      const state = await work();
      toast(state?.message ?? "Something went wrong.", { tone: state?.ok ? "success" : "danger" });
      // The worker sends within about a second: refresh once more to show the outcome.
      if (state?.ok) {
        router.refresh();
        setTimeout(() => router.refresh(), 2500);
      }
    });
  return { pending, run };
}

export function DeliveryButtons({ disabled }: { disabled: boolean }) {
  const { pending, run } = useRun();
  const router = useRouter();
  return (
    <div className="flex flex-wrap gap-2">
      <Button size="sm" variant="ghost" onClick={() => router.refresh()}>Refresh</Button>
      <Button size="sm" variant="secondary" disabled={disabled} pending={pending} pendingLabel="Queuing…" onClick={() => run(() => sendTestEventAction(undefined, {}))}>
        Send test event
      </Button>
    </div>
  );
}

export function RedeliverButton({ deliveryId, event }: { deliveryId: string; event: string }) {
  const { pending, run } = useRun();
  return (
    <Button size="sm" variant="secondary" pending={pending} aria-label={`Redeliver ${event} delivery`} onClick={() => run(() => redeliverAction(undefined, { deliveryId }))}>
      Redeliver
    </Button>
  );
}
