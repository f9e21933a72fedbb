"use client";
// Rotate-and-show-once: a ConfirmDialog naming what is replaced, then a dialog showing the new
// secret exactly once with a copy button. The secret lives only in this component's state.
// With `confirm={false}` (creating a first secret, nothing is replaced) the button acts at once.
// One trigger button in both modes, and the page refreshes only once the secret's dialog is
// closed: creating a key turns "Create" into "Rotate" on the same focused button, instead of
// swapping elements under an open dialog (focus would return to a removed button). The success
// toast waits for that too: shown under the open dialog, it would sit dimmed behind its backdrop.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Button } from "@/components/ui/button";
import { OneTimeSecretDialog } from "@/components/organisation/one-time-secret-dialog";
import { useToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/actions";

type SecretAction = (prev: undefined, input: Record<string, unknown>) => Promise<ActionState<Record<string, string>>>;

export function OneTimeSecretButton(props: {
  action: SecretAction;
  /** Key of the secret in the action's `data`. */
  field: string;
  verb: string;
  target: string;
  consequence?: string;
  triggerLabel: string;
  resultTitle: string;
  resultLabel: string;
  pendingLabel?: string;
  /** Ask first (default): the action replaces a secret that is in use. */
  confirm?: boolean;
  /** Text to type before the confirmation works (high-impact rotations, e.g. the organisation's name). */
  typeToConfirm?: string;
  /** What the action is called with (e.g. which rendition's key). */
  input?: Record<string, unknown>;
}) {
  // The secret and the success message, held until the secret's dialog is closed.
  const [shown, setShown] = useState<{ secret: string; message: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  const { toast } = useToast();
  const router = useRouter();
  const pendingLabel = props.pendingLabel ?? "Rotating…";
  const asks = props.confirm !== false;

  async function run(): Promise<{ error: string } | undefined> {
    const state = await props.action(undefined, props.input ?? {});
    if (!state?.ok) return { error: state?.message ?? "Something went wrong. Try again." };
    const secret = state.data?.[props.field];
    const message = state.message ?? "Done";
    if (secret) return void setShown({ secret, message });
    toast(message, { tone: "success" });
    router.refresh();
  }

  return (
    <>
      <Button
        variant={asks ? "danger-outline" : "primary"}
        size="sm"
        pending={pending}
        pendingLabel={pendingLabel}
        aria-haspopup="dialog"
        onClick={() =>
          asks
            ? setConfirming(true)
            : startTransition(async () => {
                const failed = await run();
                if (failed) toast(failed.error, { tone: "danger" });
              })
        }
      >
        {props.triggerLabel}
      </Button>
      {asks ? (
        <ConfirmDialog
          verb={props.verb}
          target={props.target}
          consequence={props.consequence}
          confirmLabel={props.verb}
          typeToConfirm={props.typeToConfirm}
          pendingLabel={pendingLabel}
          open={confirming}
          onOpenChange={setConfirming}
          onConfirm={run}
        />
      ) : null}
      <OneTimeSecretDialog
        title={props.resultTitle}
        label={props.resultLabel}
        secret={shown?.secret ?? null}
        onClosed={() => {
          if (!shown) return;
          toast(shown.message, { tone: "success" });
          setShown(null);
          router.refresh();
        }}
      />
    </>
  );
}
