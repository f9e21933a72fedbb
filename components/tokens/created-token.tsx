"use client";
// What the inline dialog shows after creation: the snippet to paste, and where to see the token.
import Link from "next/link";
import { CopyField } from "@/components/ui/copy-field";
import { Callout } from "@/components/ui/callout";
import { DateTime } from "@/components/ui/date-time";
import type { CreatedToken } from "./token-form";
import { securitySnippet } from "@/lib/tokens/token-text";

export function CreatedTokenSnippet({ token }: { token: CreatedToken }) {
  return (
    <div className="space-y-4">
      <Callout tone="success" title="Token created">
        Valid until <DateTime value={token.expiresAt} />. Paste this into the player&apos;s <code>group</code> or <code>entries</code> config.
      </Callout>
      <CopyField label="Security config" value={securitySnippet(token.token)} multiline />
      <p className="text-sm">
        <Link prefetch={false} href={`/secure/token/${token.id}`} className="font-medium text-accent-700 underline">Open the token overview</Link>
        <span className="text-slate-600"> — all settings, the decoded token, test and revoke.</span>
      </p>
    </div>
  );
}
