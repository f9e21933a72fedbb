"use client";
// The Playout page's configuration, with the token "used on this page" in every entry's security
// object in place of the placeholder (one step for all renditions, no hand edit per entry).
import { CopyField } from "@/components/ui/copy-field";
import { useTokenInsert } from "@/components/tokens/token-insert";
import { TOKEN_PLACEHOLDER } from "./player-config";

/** `form`: nanoPlayer's entries (one per rendition) or its group (the stream group by id). */
export function PlayoutConfig({ config, form = "entries" }: { config: string; form?: "entries" | "group" }) {
  const token = useTokenInsert()?.token ?? null;
  const value = token ? config.replaceAll(JSON.stringify(TOKEN_PLACEHOLDER), JSON.stringify(token)) : config;
  const where = form === "entries" ? "each entry" : "the group";
  return (
    <CopyField
      label={form === "entries" ? "Configuration (JSON)" : "Group form (JSON)"}
      value={value}
      multiline
      hint={token ? (form === "entries" ? "Every entry carries the token you created for this page." : "The group carries the token you created for this page.") : `Replace ${TOKEN_PLACEHOLDER} in ${where}, or create a token with Create playback token and choose "Use on this page".`}
    />
  );
}
