// The registry row's "Revoke": a plain button carrying the token's id and label;
// RegistryRevokeController (one island around the whole table) opens the confirmation for it.
import { Button } from "@/components/ui/button";

export function RevokeRowButton({ id, label }: { id: string; label: string }) {
  return (
    <Button variant="danger" size="sm" aria-haspopup="dialog" aria-label={`Revoke token ${label}`} data-revoke-token-id={id} data-revoke-token-label={label}>
      Revoke
    </Button>
  );
}
