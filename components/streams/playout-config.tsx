"use client";
// The Playout page's configuration, with the token "used on this page" in every entry's security
// object in place of the placeholder (one step for all renditions, no hand edit per entry).
import { CopyField } from "@/components/ui/copy-field";
import { useTokenInsert } from "@/components/tokens/token-insert";
import { TOKEN_PLACEHOLDER } from "./player-config";

export function PlayoutConfig({ config }: { config: string }) {
  const token = useTokenInsert()?.token ?? null;
  const value = token ? config.replaceAll(JSON.stringify(TOKEN_PLACEHOLDER), JSON.stringify(token)) : config;
  return (
    <CopyField
      label="Configuration (JSON)"
      value={value}
      multiline
      hint={token ? "Every entry carries the token you created for this page." : `Replace ${TOKEN_PLACEHOLDER} in each entry, or create a token with Create playback token and choose "Use on this page".`}
    />
  );
}
