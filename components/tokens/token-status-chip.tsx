// A token's status in words and colour (never colour alone).
import { Chip, type ChipTone } from "@/components/ui/chip";
import { STATUS_LABELS } from "@/lib/tokens/token-text";

const TONES: Record<string, ChipTone> = { active: "success", not_yet_valid: "info", expired: "neutral", revoked: "danger" };

export function TokenStatusChip({ status }: { status: string }) {
  return <Chip tone={TONES[status] ?? "neutral"}>{STATUS_LABELS[status] ?? status}</Chip>;
}
