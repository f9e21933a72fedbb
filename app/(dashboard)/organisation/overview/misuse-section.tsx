// Misuse signals (lib/data/misuse.ts): the lines above which a token is flagged, for every role to
// read and admins to change; flagged tokens are listed on the Secure token page.
import Link from "next/link";
import { Section } from "@/components/ui/card";
import { getMisuseLines } from "@/lib/data/misuse";
import type { CurrentUser } from "@/lib/data/sessions";
import { can } from "@/lib/permissions";
import { MisuseForm } from "./misuse-form";

export async function MisuseSection({ user }: { user: CurrentUser }) {
  const lines = await getMisuseLines(user.orgId);
  return (
    <Section
      title="Misuse signals"
      description={
        <>
          A token is flagged as shared or leaked above these lines, or when it is used outside its domain or after it expired or was revoked; each flag sends the webhook event token.suspicious once. Flagged tokens are listed on{" "}
          <Link prefetch={false} href="/secure/token#suspicious" className="font-medium text-accent-700 underline">Secure token</Link>.
        </>
      }
    >
      {can(user.role, "misuse:manage") ? (
        <MisuseForm maxAddresses={lines.maxAddresses} maxViewers={lines.maxViewers} />
      ) : (
        <p className="text-slate-700">
          Flagged above {lines.maxAddresses} addresses an hour or {lines.maxViewers} viewers at once per token. Only admins can change this.
        </p>
      )}
    </Section>
  );
}
