// Small builders for integration tests: valid rows with unique values, overridable per test.
// Secrets are placeholders ("x"); tests that need real hashes build them through lib/data.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/sqlite/client";

const unique = () => randomBytes(6).toString("hex");

export function createOrganisation(data: Partial<Prisma.OrganisationUncheckedCreateInput> = {}) {
  return db.organisation.create({ data: { name: `Org ${unique()}`, playerKey: `pk_${unique()}`, ...data } });
}

export function createUser(
  orgId: string,
  role: "admin" | "user" | "readonly" | (string & {}) = "user",
  data: Partial<Prisma.UserUncheckedCreateInput> = {},
) {
  return db.user.create({
    data: {
      orgId,
      role,
      email: `user-${unique()}@example.test`,
      name: "Test User",
      passwordHash: "x",
      tokenKeyHash: "x",
      tokenKeyId: `tk_${unique()}`,
      ...data,
    },
  });
}

export function createStream(orgId: string, data: Partial<Prisma.StreamUncheckedCreateInput> = {}) {
  return db.stream.create({ data: { id: `grp_${unique()}`, orgId, name: `Stream ${unique()}`, ...data } });
}
