"use client";
// Signing keys of the organisation (admins): which key signs, which are still published for
// older tokens, rotate, and revoke in an emergency. Placed on /secure/token by the page.
// One revoke confirmation for the whole table (RowConfirmDialog): a revoked key's row loses its
// Revoke, and focus moves to the next key's Revoke instead of the page heading.
import { Section } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { Chip, type ChipTone } from "@/components/ui/chip";
import { DateTime } from "@/components/ui/date-time";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RowConfirmDialog } from "@/components/ui/row-confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { RevokeCount } from "./revoke-count";
import { notRevokedYet, tokenCount } from "@/lib/tokens/token-text";
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
  return async (action: KeyAction, fd: FormData) => {
    const result = await action(undefined, fd);
    if (result?.ok) {
      toast(result.message ?? "Done.", { tone: "success" });
      return;
    }
    return { error: result?.message ?? "Something went wrong. Try again." };
  };
}

const readRevokeButton = (button: HTMLElement) => ({ kid: button.dataset.revokeKid ?? "", active: button.dataset.revokeKeyActive === "true" });

const keyTokensSentence = (n: number) =>
  n ? `This revokes ${tokenCount(n)} it signed ${notRevokedYet(n)}.` : "No active token was signed with it; only the key itself is revoked.";

type KeyAction = (prev: ActionState<never>, fd: FormData) => Promise<ActionState<unknown>>;
type CountAction = Parameters<typeof RevokeCount>[0]["count"];

/** The server actions come from the page (app/(dashboard)/secure/token), which owns them. */
export function SigningKeysSection({ keys, rotateAction, revokeAction, countAction }: { keys: SigningKeyView[]; rotateAction: KeyAction; revokeAction: KeyAction; countAction: CountAction }) {
  const run = useRun();
  const rotate = (
    <ConfirmDialog
      verb="Rotate the signing key of"
      target="this organisation"
      trigger="Rotate signing key"
      triggerVariant="secondary"
      confirmLabel="Rotate key"
      consequence="A new key signs every token from now on. Tokens already issued keep working: the current key stays published until the last of them expires."
      action={(fd) => run(rotateAction, fd)}
    />
  );
  return (
    <Section
      title="Signing keys"
      description="ES256 keys that sign your playback tokens. Edges verify them offline with the organisation's public JWKS."
      actions={rotate}
      flush
    >
      <RowConfirmDialog
        selector="[data-revoke-kid]"
        read={readRevokeButton}
        dialog={(chosen) => ({
          verb: "Revoke signing key",
          target: chosen.kid,
          // The key that signs now: every token it issued stops at once, so its kid is typed to confirm.
          typeToConfirm: chosen.active ? chosen.kid : undefined,
          confirmLabel: "Revoke key",
          consequence: (
            <>
              <p>
                Every token this key signed stops working at once, on players&apos; next check, and the key leaves the public JWKS.
                {chosen.active ? " A new key is created first so you can keep issuing tokens." : ""} This cannot be undone.
              </p>
              <RevokeCount count={countAction} field="kid" value={chosen.kid} sentence={keyTokensSentence} />
            </>
          ),
          fields: { kid: chosen.kid },
          action: (fd) => run(revokeAction, fd),
        })}
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
                  <Button variant="danger-outline" size="sm" aria-haspopup="dialog" aria-label={`Revoke signing key ${k.kid}`} data-revoke-kid={k.kid} data-revoke-key-active={k.status === "active"}>
                    Revoke
                  </Button>
                ),
            },
          ]}
        />
      </RowConfirmDialog>
    </Section>
  );
}
