"use client";
// A new secret, shown exactly once with a copy button: after a rotation (OneTimeSecretButton) or
// the save that created it (the webhook forms, SavedWithSecret). Closing it is the caller's cue to
// toast and refresh.
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { CopyField } from "@/components/ui/copy-field";
import { Callout } from "@/components/ui/callout";
import { Button } from "@/components/ui/button";

export function OneTimeSecretDialog({ title, label, secret, onClosed }: { title: string; label: string; secret: string | null; onClosed: () => void }) {
  return (
    <Dialog
      title={title}
      open={secret !== null}
      onOpenChange={(open) => {
        if (!open) onClosed();
      }}
    >
      {(close) => (
        <div className="space-y-4">
          <Callout tone="warning" title="Copy it now">
            This is the only time it is shown. Store it in your secret manager; we keep only a hash or a masked form.
          </Callout>
          {secret ? <CopyField label={label} value={secret} wrap /> : null}
          <div className="flex justify-end">
            <Button variant="primary" onClick={close}>I have stored it</Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

/**
 * After a webhook form's save: the toast and refresh, or first the signing secret when that save
 * created it (`state.data.secret`), shown once until closed. One per form, below it.
 */
export function SavedWithSecret({ state }: { state: { ok: boolean; message?: string; data?: { secret?: string } } | undefined | null }) {
  const { toast } = useToast();
  const router = useRouter();
  const created = state?.ok ? state.data?.secret : undefined;
  const [closedFor, setClosedFor] = useState<unknown>(null);
  useEffect(() => {
    if (!state?.ok || !state.message || state.data?.secret) return;
    toast(state.message, { tone: "success" });
    router.refresh();
  }, [state, toast, router]);
  return (
    <OneTimeSecretDialog
      title="Webhook signing secret"
      label="Signing secret"
      secret={created && closedFor !== state ? created : null}
      onClosed={() => {
        if (closedFor === state) return;
        setClosedFor(state);
        if (state?.message) toast(state.message, { tone: "success" });
        router.refresh();
      }}
    />
  );
}
