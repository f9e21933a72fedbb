"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions";
import { revokeSigningKey, rotateSigningKey } from "@/lib/data/signing-keys";
import { revokeSigningKeySchema, rotateSigningKeySchema } from "@/lib/validation/tokens";
import { tokenCount } from "@/lib/tokens/token-text";

export const rotateSigningKeyAction = defineAction(
  { name: "signingKeys.rotate", permission: "signingKey:manage", schema: rotateSigningKeySchema },
  async (_input, { actor }) => {
    const { kid } = await rotateSigningKey(actor);
    revalidatePath("/secure/token");
    return { message: `New signing key ${kid} signs from now on. Older keys stay published until their tokens expire.`, data: { kid } };
  },
);

export const revokeSigningKeyAction = defineAction(
  { name: "signingKeys.revoke", permission: "signingKey:manage", schema: revokeSigningKeySchema },
  async (input, { actor }) => {
    const result = await revokeSigningKey(actor, input.kid);
    revalidatePath("/secure/token");
    const rotated = result.rotatedTo ? ` New tokens are signed with ${result.rotatedTo}.` : "";
    return { message: `Key ${input.kid} revoked; ${tokenCount(result.tokens)} it signed stop working.${rotated}`, data: result };
  },
);
