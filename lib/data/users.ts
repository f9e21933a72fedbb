import "server-only";
import { db } from "@/lib/db";
import { hashPassword, hashSecret, randomSecret, SECRET_PREFIX } from "@/lib/crypto";
import type { Role } from "@/lib/permissions";

/** A fresh token key: only its hash and a short display id are kept. */
export function newTokenKey() {
  const value = randomSecret(SECRET_PREFIX.tokenKey);
  const hash = hashSecret(value);
  return { tokenKeyHash: hash, tokenKeyId: `tk_${hash.slice(0, 8)}` };
}

/** Column values for a new user (password hashed, token key generated). */
export async function newUserData(input: { email: string; name: string; password: string; role: Role }) {
  return {
    email: input.email.toLowerCase(),
    name: input.name,
    role: input.role,
    passwordHash: await hashPassword(input.password),
    ...newTokenKey(),
  };
}

/** For sign-in only: the one read that includes the password hash. */
export async function findUserForLogin(email: string) {
  return db.user.findUnique({
    where: { email: email.toLowerCase() },
    omit: { passwordHash: false },
    include: { org: { select: { id: true, name: true } } },
  });
}
