"use client";
import { useRouter } from "next/navigation";
// A ConfirmDialog that runs one server action (called with fixed fields) and toasts its answer.
import { ConfirmDialog, type ConfirmDialogProps } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/actions";

type Action = (prev: undefined, input: Record<string, unknown>) => Promise<ActionState<unknown>>;

export function ConfirmActionButton({ action, input = {}, ...dialog }: Omit<ConfirmDialogProps, "action" | "onConfirm"> & { action: Action; input?: Record<string, string> }) {
  const { toast } = useToast();
  const router = useRouter();
  return (
    <ConfirmDialog
      {...dialog}
      onConfirm={async () => {
        const state = await action(undefined, input);
        if (!state?.ok) return { error: state?.message ?? "Something went wrong. Try again." };
        toast(state.message ?? "Done", { tone: "success" });
        router.refresh();
      }}
    />
  );
}
