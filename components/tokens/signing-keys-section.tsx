"use client";
// Signing keys of the organisation (admins): which key signs, which are still published for
// older tokens, rotate, and revoke in an emergency. Placed on /secure/token by the page.
import { Section } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { Chip, type ChipTone } from "@/components/ui/chip";
import { DateTime } from "@/components/ui/date-time";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { rotateSigningKeyAction, revokeSigningKeyAction } from "@/app/(dashboard)/secure/token/signing-key-actions";
import type { ActionState } from "@/lib/actions";

export interface SigningKeyView {
  kid: string;
  status: "active" | "retiring" | "revoked";
  createdAt: Date | string;
  publishUntil: Date | string | null;
  revokedAt: Date | string | null;
}

const STATUS: Record<SigningKeyView["status"], { label: string; tone: ChipTone }> = {
  active: { label: "Active: signs new tokens", tone: "success" },
  retiring: { label: "Retiring", tone: "warning" },
  revoked: { label: "Revoked", tone: "danger" },
};

function useRun() {
  const { toast } = useToast();
  return async <T,>(action: (prev: ActionState<T>, fd: FormData) => Promise<ActionState<T>>, fd: FormData) => {
    const result = await action(undefined, fd);
    if (result?.ok) {
      toast(result.message ?? "Done.", { tone: "success" });
      return;
    }
    return { error: result?.message ?? "Something went wrong. Try again." };
  };
}

export function SigningKeysSection({ keys }: { keys: SigningKeyView[] }) {
  const run = useRun();
  const rotate = (
    <ConfirmDialog
      verb="Rotate the signing key of"
      target="this organisation"
      trigger="Rotate signing key"
      triggerVariant="secondary"
      confirmLabel="Rotate key"
      consequence="A new key signs every token from now on. Tokens already issued keep working: the current key stays published until the last of them expires."
      action={(fd) => run(rotateSigningKeyAction, fd)}
    />
  );
  return (
    <Section
      title="Signing keys"
      description="ES256 keys that sign your playback tokens. Edges verify them offline with the organisation's public JWKS."
      actions={rotate}
      flush
    >
      <Table
        caption="Signing keys"
        rows={keys}
        rowKey={(k) => k.kid}
        empty={<p className="px-4 py-6 text-slate-600 sm:px-6">No key yet: one is created when the first token is signed.</p>}
        columns={[
          { header: "Key ID (kid)", cell: (k) => <span className="font-mono wrap-anywhere">{k.kid}</span> },
          { header: "Status", cell: (k) => <Chip tone={STATUS[k.status].tone}>{STATUS[k.status].label}</Chip> },
          { header: "Created", cell: (k) => <DateTime value={k.createdAt} /> },
          {
            header: "Published until",
            cell: (k) =>
              k.status === "active" ? "While active" : k.status === "revoked" ? "Withdrawn" : k.publishUntil ? <DateTime value={k.publishUntil} /> : "—",
          },
          {
            header: "Actions",
            hideHeader: true,
            align: "right",
            cell: (k) =>
              k.status === "revoked" ? null : (
                <ConfirmDialog
                  verb="Revoke signing key"
                  target={k.kid}
                  confirmLabel="Revoke key"
                  consequence={
                    <>
                      Every token this key signed stops working at once, on players&apos; next check, and the key leaves the public JWKS.
                      {k.status === "active" ? " A new key is created first so you can keep issuing tokens." : ""} This cannot be undone.
                    </>
                  }
                  fields={{ kid: k.kid }}
                  action={(fd) => run(revokeSigningKeyAction, fd)}
                />
              ),
          },
        ]}
      />
    </Section>
  );
}
