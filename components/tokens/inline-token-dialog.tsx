// Server side of the inline token dialog: loads the pickers and the package state, and renders
// nothing for roles that may not create tokens (the action refuses them anyway).
import { can } from "@/lib/permissions";
import type { CurrentUser } from "@/lib/data/sessions";
import { listStreamPicker } from "@/lib/data/streams";
import { getOrganisation } from "@/lib/data/organisations";
import { hasPackage } from "@/lib/packages";
import { DEFAULT_TOKEN_LIFETIME_DAYS } from "@/lib/validation/tokens";
import { TokenDialog } from "./token-dialog";
import type { CreateTokenAction } from "./token-form";
import { defaultExpiryInputValue } from "@/lib/tokens/token-text";

export async function InlineTokenDialog({ user, stream, createToken }: { user: CurrentUser; stream: { id: string; name: string }; createToken: CreateTokenAction }) {
  if (!can(user.role, "token:create")) return null;
  const [org, { streams, typed }] = await Promise.all([getOrganisation(user.orgId), listStreamPicker(user.orgId)]);
  return (
    <TokenDialog
      groupId={stream.id}
      streamLabel={stream.name}
      streams={streams.map((s) => ({ id: s.id, name: s.name, streamNames: s.streamNames }))}
      typed={typed}
      defaultExpiresAt={defaultExpiryInputValue(DEFAULT_TOKEN_LIFETIME_DAYS)}
      packageEnabled={hasPackage(org.packages, "secure_playback")}
      createToken={createToken}
    />
  );
}
