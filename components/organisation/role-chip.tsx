// A permission level in words and colour, the same on the users table and the account page.
import { Chip, type ChipTone } from "@/components/ui/chip";
import { isRole, ROLE_LABELS, type Role } from "@/lib/permissions";

const ROLE_TONES: Record<Role, ChipTone> = { admin: "accent", user: "info", readonly: "neutral" };

export function RoleChip({ role }: { role: string }) {
  return isRole(role) ? <Chip tone={ROLE_TONES[role]}>{ROLE_LABELS[role]}</Chip> : <Chip tone="danger">Unknown</Chip>;
}
