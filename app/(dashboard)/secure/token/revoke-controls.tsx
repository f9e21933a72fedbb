"use client";
// Revoking from the registry: one token, or in bulk by tag or UserID. Each names what it revokes;
// a bulk confirmation also says how many tokens it will revoke, counted when it opens.
import { useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { RowConfirmDialog } from "@/components/ui/row-confirm-dialog";
import { RevokeCount } from "@/components/tokens/revoke-count";
import { notRevokedYet, tokenCount } from "@/lib/tokens/token-text";
import { countByTagAction, countByUserAction, revokeByTagAction, revokeByUserAction, revokeFlaggedByTagAction, revokeTokenAction } from "./actions";

// A token is named by when it was issued and its tag (tokenName), as the registry shows it; the
// jti, which the registry does not show, is only small print for whoever matches it to edge logs.
const REVOKE_VERB = "Revoke the token issued";

function revokeConsequence(jti: string) {
  return (
    <>
      <p>Players using it are refused from the authorize endpoint&apos;s next check. This cannot be undone.</p>
      <p className="mt-2 text-xs text-slate-600">Token ID (jti) <code className="wrap-anywhere">{jti}</code></p>
    </>
  );
}

function useRevokeToken() {
  const { toast } = useToast();
  const router = useRouter();
  return async (fd: FormData) => {
    const result = await revokeTokenAction(undefined, fd);
    if (!result?.ok) return { error: result?.message ?? "Could not revoke the token." };
    toast(result.message ?? "Token revoked.", { tone: "success" });
    router.refresh();
  };
}

/** One token's revoke button with its own confirmation, e.g. on the token's page. `name` is tokenName(token). */
export function RevokeTokenButton({ id, name, jti, size = "sm" }: { id: string; name: string; jti: string; size?: "sm" | "md" }) {
  const revoke = useRevokeToken();
  return (
    <ConfirmDialog
      verb={REVOKE_VERB}
      target={name}
      confirmLabel="Revoke token"
      trigger="Revoke"
      triggerSize={size}
      triggerLabel={`${REVOKE_VERB} ${name}`}
      consequence={revokeConsequence(jti)}
      fields={{ id }}
      action={revoke}
    />
  );
}

const readRevokeButton = (button: HTMLElement) => ({
  id: button.dataset.revokeTokenId ?? "",
  name: button.dataset.revokeTokenName ?? "",
  jti: button.dataset.revokeTokenJti ?? "",
});

/** The registry's revoke confirmations in one island (RowConfirmDialog): rows render RevokeRowButton only. */
export function RegistryRevokeController({ children }: { children: ReactNode }) {
  const revoke = useRevokeToken();
  return (
    <RowConfirmDialog
      selector="[data-revoke-token-id]"
      read={readRevokeButton}
      dialog={(chosen) => ({ verb: REVOKE_VERB, target: chosen.name, confirmLabel: "Revoke token", consequence: revokeConsequence(chosen.jti), fields: { id: chosen.id }, action: revoke })}
    >
      {children}
    </RowConfirmDialog>
  );
}

// Not "active" for n > 0: the revoke also marks expired tokens, and the number is what it marks.
const COUNT_SENTENCE = {
  tag: (value: string) => (n: number) => (n ? `This revokes ${tokenCount(n)} tagged "${value}" ${notRevokedYet(n)}.` : `No active token is tagged "${value}"; nothing would be revoked.`),
  user: (value: string) => (n: number) => (n ? `This revokes ${tokenCount(n)} for UserID "${value}" ${notRevokedYet(n)}.` : `No active token for UserID "${value}"; nothing would be revoked.`),
};

/** A bulk revoke of more tokens than this asks for their number to be typed. */
export const TYPE_COUNT_ABOVE = 100;

function BulkRevoke({ kind }: { kind: "tag" | "user" }) {
  const { toast } = useToast();
  const router = useRouter();
  const [value, setValue] = useState("");
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Above this many tokens the count is typed to confirm (counted when the confirmation opens).
  const [counted, setCounted] = useState<number | null>(null);
  const field = kind === "tag" ? "tag" : "user";
  const what = kind === "tag" ? `every token tagged "${value.trim()}"` : `every token for UserID "${value.trim()}"`;
  return (
    <div>
      <form
        className="flex flex-col gap-2 sm:flex-row sm:items-start"
        onSubmit={(e) => {
          e.preventDefault();
          if (!value.trim()) return setError(kind === "tag" ? "Enter the tag whose tokens to revoke." : "Enter the UserID whose tokens to revoke.");
          setError(null);
          setOpen(true);
        }}
      >
        <div className="min-w-0 flex-1">
          <Input label={kind === "tag" ? "Tag to revoke" : "UserID to revoke"} name={field} value={value} onChange={(e) => setValue(e.currentTarget.value)} error={error} />
        </div>
        <Button type="submit" variant="danger-outline" className="sm:mt-7">{kind === "tag" ? "Revoke by tag…" : "Revoke by UserID…"}</Button>
      </form>
      {/* Outside the form above: the confirmation has its own form, and forms cannot nest. */}
      <ConfirmDialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) setCounted(null);
        }}
        typeToConfirm={counted !== null && counted > TYPE_COUNT_ABOVE ? String(counted) : undefined}
        verb="Revoke"
        target={what}
        confirmLabel="Revoke tokens"
        consequence={
          <>
            <p>Every such token issued before now stops working at its next check, whatever its status. Tokens issued later are not affected.</p>
            <RevokeCount count={kind === "tag" ? countByTagAction : countByUserAction} field={field} value={value.trim()} sentence={COUNT_SENTENCE[kind](value.trim())} onCount={setCounted} />
          </>
        }
        fields={{ [field]: value.trim() }}
        action={async (fd) => {
          const result = await (kind === "tag" ? revokeByTagAction : revokeByUserAction)(undefined, fd);
          if (!result?.ok) return { error: result?.message ?? "Could not revoke the tokens." };
          // Nothing matched: a plain note, not a success.
          toast(result.message ?? "Tokens revoked.", { tone: result.data?.count === 0 ? "neutral" : "success" });
          setValue("");
          router.refresh();
        }}
      />
    </div>
  );
}

export function BulkRevokeForms() {
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <BulkRevoke kind="tag" />
      <BulkRevoke kind="user" />
    </div>
  );
}

/** The suspicious list's "revoke every flagged token tagged …": only the flagged ones of that tag. */
export function RevokeFlaggedByTagButton({ tag, count }: { tag: string; count: number }) {
  const { toast } = useToast();
  const router = useRouter();
  return (
    <ConfirmDialog
      verb="Revoke the flagged tokens tagged"
      target={tag}
      confirmLabel={`Revoke ${tokenCount(count)}`}
      trigger={`Revoke all ${count} flagged “${tag}”`}
      triggerLabel={`Revoke every flagged token tagged ${tag}`}
      consequence={<p>{tokenCount(count)} tagged &ldquo;{tag}&rdquo; that raised a misuse signal and still work are refused from their next check. Tokens of this tag that raised none keep working. This cannot be undone.</p>}
      fields={{ tag }}
      action={async (fd) => {
        const result = await revokeFlaggedByTagAction(undefined, fd);
        if (!result?.ok) return { error: result?.message ?? "Could not revoke the tokens." };
        toast(result.message ?? "Revoked.", { tone: "success" });
        router.refresh();
      }}
    />
  );
}
