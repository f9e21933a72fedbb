"use client";
// Runs a server action from a ConfirmDialog: a failure keeps the dialog open with its message,
// success toasts and refreshes the server-rendered page.
import { useRouter } from "next/navigation";
import { useToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/actions";

type Action = (prev: ActionState, input: FormData) => Promise<ActionState>;

export function useRunAction() {
  const router = useRouter();
  const { toast } = useToast();
  return (action: Action) => async (formData: FormData) => {
    const state = await action(undefined, formData).catch(() => null);
    if (!state?.ok) return { error: state?.message ?? "Something went wrong. Nothing was changed; try again." };
    toast(state.message ?? "Done", { tone: "success" });
    router.refresh();
  };
}
