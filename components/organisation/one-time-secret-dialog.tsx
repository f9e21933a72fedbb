"use client";
// A new secret, shown exactly once with a copy button: after a rotation (OneTimeSecretButton) or
// the save that created it (the webhook forms). Closing it is the caller's cue to toast and refresh.
import { Dialog } from "@/components/ui/dialog";
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
