// The registry row's "Revoke": a plain button carrying the token's id, name (tokenName) and jti;
// RegistryRevokeController (one island around the whole table) opens the confirmation for it.
import { Button } from "@/components/ui/button";

export function RevokeRowButton({ id, name, jti }: { id: string; name: string; jti: string }) {
  return (
    <Button variant="danger-outline" size="sm" aria-haspopup="dialog" aria-label={`Revoke the token issued ${name}`} data-revoke-token-id={id} data-revoke-token-name={name} data-revoke-token-jti={jti}>
      Revoke
    </Button>
  );
}
