"use client";
import { useRouter } from "next/navigation";
// Rotate-and-show-once: a ConfirmDialog naming what is replaced, then a dialog showing the new
// secret exactly once with a copy button. The secret lives only in this component's state.
// With `confirm={false}` (creating a first secret, nothing is replaced) the button acts at once.
import { useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { CopyField } from "@/components/ui/copy-field";
import { Callout } from "@/components/ui/callout";
import { Button } from "@/components/ui/button";
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
}) {
  const [secret, setSecret] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { toast } = useToast();
  const router = useRouter();
  const pendingLabel = props.pendingLabel ?? "Rotating…";

  async function run(): Promise<{ error: string } | undefined> {
    const state = await props.action(undefined, {});
    if (!state?.ok) return { error: state?.message ?? "Something went wrong. Try again." };
    setSecret(state.data?.[props.field] ?? null);
    router.refresh();
    toast(state.message ?? "Done", { tone: "success" });
  }

  return (
    <>
      {props.confirm === false ? (
        <Button
          variant="primary"
          size="sm"
          pending={pending}
          pendingLabel={pendingLabel}
          onClick={() =>
            startTransition(async () => {
              const failed = await run();
              if (failed) toast(failed.error, { tone: "danger" });
            })
          }
        >
          {props.triggerLabel}
        </Button>
      ) : (
        <ConfirmDialog
          verb={props.verb}
          target={props.target}
          consequence={props.consequence}
          trigger={props.triggerLabel}
          confirmLabel={props.verb}
          pendingLabel={pendingLabel}
          onConfirm={run}
        />
      )}
      <Dialog title={props.resultTitle} open={secret !== null} onOpenChange={(open) => { if (!open) setSecret(null); }}>
        {(close) => (
          <div className="space-y-4">
            <Callout tone="warning" title="Copy it now">
              This is the only time it is shown. Store it in your secret manager; we keep only a hash or a masked form.
            </Callout>
            {secret ? <CopyField label={props.resultLabel} value={secret} /> : null}
            <div className="flex justify-end">
              <Button variant="primary" onClick={close}>I have stored it</Button>
            </div>
          </div>
        )}
      </Dialog>
    </>
  );
}
