import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { hashSecret, maskSecret, randomSecret, SECRET_PREFIX } from "@/lib/crypto";
import { ConflictError, NotFoundError, RuleError } from "@/lib/errors";
import { isPackageId, parsePackages, type PackageId } from "@/lib/packages";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/data/audit";
import { inTransaction } from "@/lib/data/transaction";
import { newUserData } from "@/lib/data/users";

export interface CreateOrganisationInput {
  name: string;
  admin: { email: string; name: string; password: string };
  packages?: PackageId[];
  supportLevel?: string;
  analyticsLevel?: string;
  vodPublic?: boolean;
}

/**
 * Creates an organisation with its first admin, player key, webhook settings and master API
 * key. Used by the operator CLI and the demo seed, which print the key: it is returned once.
 */
export async function createOrganisation(input: CreateOrganisationInput, via = "signup") {
  const masterKey = randomSecret(SECRET_PREFIX.apiKey, 32);
  return { ...(await insertOrganisation(input, via, masterKey)), masterKey };
}

/**
 * /signup: the same without a master API key. Nothing could show the key to the new admin, so
 * none is made; the overview offers to create one, shown once then.
 */
export async function createOrganisationWithoutKey(input: CreateOrganisationInput) {
  return insertOrganisation(input, "signup", null);
}

async function insertOrganisation(input: CreateOrganisationInput, via: string, masterKey: string | null) {
  const admin = await newUserData({ ...input.admin, role: "admin" });
  try {
    return await inTransaction(async (tx) => {
      const org = await tx.organisation.create({
        data: {
          name: input.name,
          supportLevel: input.supportLevel ?? "Basic",
          analyticsLevel: input.analyticsLevel ?? "Basic",
          packages: JSON.stringify(input.packages ?? []),
          vodPublic: input.vodPublic ?? false,
          playerKey: randomSecret(SECRET_PREFIX.playerKey, 16),
          users: { create: admin },
          ...(masterKey ? { apiKeys: { create: { keyHash: hashSecret(masterKey), maskedKey: maskSecret(masterKey, SECRET_PREFIX.apiKey), createdByEmail: admin.email } } } : {}),
          webhook: { create: { secretNonce: randomSecret("", 16), secretMasked: "" } },
        },
        include: { users: { select: { id: true, email: true, name: true, role: true } } },
      });
      await recordAudit(tx, systemActor(org.id, via), { action: "organisation.created", target: { type: "organisation", id: org.id, label: org.name } });
      return { org, admin: org.users[0] };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("An account with this email already exists. Sign in instead.", "email");
    throw error;
  }
}

export async function getOrganisation(orgId: string) {
  const org = await db.organisation.findUnique({ where: { id: orgId } });
  if (!org) throw new NotFoundError("Organisation not found");
  return { ...org, packageList: parsePackages(org.packages) };
}

export async function countOrganisations(): Promise<number> {
  return db.organisation.count();
}

export async function findOrganisationByName(name: string) {
  return db.organisation.findFirst({ where: { name } });
}

/** Operator CLI: switch a package on or off. */
export async function setPackage(actor: Actor, packageId: string, enabled: boolean) {
  if (!isPackageId(packageId)) throw new NotFoundError(`Unknown package "${packageId}"`);
  const org = await getOrganisation(actor.orgId);
  const next = new Set(org.packageList);
  if (enabled) next.add(packageId);
  else next.delete(packageId);
  await inTransaction(async (tx) => {
    await tx.organisation.update({ where: { id: org.id }, data: { packages: JSON.stringify([...next]) } });
    await recordAudit(tx, actor, { action: enabled ? "package.enabled" : "package.disabled", target: { type: "package", id: packageId, label: packageId } });
  });
  return [...next];
}

export type LevelKind = "support" | "analytics";

/** Operator CLI: the Support Level and Analytics Level chips of the overview (e.g. "Premium"). */
export async function setLevel(actor: Actor, kind: LevelKind, value: string) {
  const level = value.trim();
  if (!/^[\p{L}\p{N}][\p{L}\p{N} +._-]{0,39}$/u.test(level)) {
    throw new RuleError("A level is 1–40 letters, digits, spaces or + . _ - (e.g. Premium).", "invalid_level");
  }
  await inTransaction(async (tx) => {
    await tx.organisation.update({ where: { id: actor.orgId }, data: kind === "support" ? { supportLevel: level } : { analyticsLevel: level } });
    await recordAudit(tx, actor, { action: `organisation.${kind}_level_changed`, target: { type: "organisation", id: actor.orgId }, details: { level } });
  });
  return level;
}

/** Operator CLI listing. */
export async function listOrganisations() {
  return db.organisation.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, name: true, packages: true, supportLevel: true, analyticsLevel: true } });
}
