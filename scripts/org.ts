// Operator CLI (deployment mode has no sales team): create organisations, switch packages.
//   npm run org -- create --name "Acme" --admin-email ops@acme.tv [--admin-name "Ops"] (password from PLAYGATE_ADMIN_PASSWORD or prompted)
//   npm run org -- package enable|disable <organisation id or name> <package>
//   npm run org -- level support|analytics <organisation id or name> <level>   (the overview's chips)
//   npm run org -- list
//   npm run org -- reset-password <email>     a one-time link that sets the user's password (24 hours)
//   npm run org -- backup <new folder>        the database and its secrets, together (README "Operating")
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import path from "node:path";
import { isDatabaseBusy, migrateDatabase } from "@/lib/db/migrate";
import { PACKAGE_IDS } from "@/lib/packages";
import { emailSchema, passwordSchema } from "@/lib/validation/auth";

const USAGE = `Usage:
  npm run org -- create --name <name> --admin-email <email> [--admin-name <name>]
  npm run org -- package enable|disable <organisation id or name> <package>
  npm run org -- level support|analytics <organisation id or name> <level>
  npm run org -- list
  npm run org -- reset-password <email>
  npm run org -- backup <new folder>
Packages: ${PACKAGE_IDS.join(", ")}`;

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

async function readPassword(): Promise<string> {
  if (process.env.PLAYGATE_ADMIN_PASSWORD) return process.env.PLAYGATE_ADMIN_PASSWORD;
  if (!process.stdin.isTTY) fail("Set PLAYGATE_ADMIN_PASSWORD or run in a terminal to type the admin password.");
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question("Admin password: ");
  rl.close();
  return answer;
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const url = process.env.DATABASE_URL ?? `file:${path.resolve(process.env.PLAYGATE_DATA_DIR ?? "data", "playgate.db")}`;
  process.env.DATABASE_URL = url;
  if (command === "backup") {
    // Before any migration: a backup is of the installation as it is.
    if (!rest[0]) fail(USAGE);
    const { loadConfig } = await import("@/lib/config");
    const { backupInstallation } = await import("@/lib/db/backup");
    const result = await backupInstallation(loadConfig(), rest[0]);
    console.log(`✔ Backed up to ${result.dir}:\n${result.files.map((f) => `  ${path.basename(f)}`).join("\n")}`);
    console.log("  Keep the folder private: secrets.json holds the app and session secrets this database needs.");
    return;
  }
  await migrateDatabase(url).catch((error: unknown) => {
    // Only when migrations are pending: applying them needs the file to itself.
    if (isDatabaseBusy(error)) fail(`The database (${url}) has migrations to apply and is in use by a running Playgate server. Stop the server (it applies them itself when it starts), or run this again after it has started.`);
    throw error;
  });
  const orgs = await import("@/lib/data/organisations");
  const { systemActor } = await import("@/lib/auth/actor");
  const findOrg = async (ref: string) =>
    (await orgs.findOrganisationByName(ref)) ?? (await orgs.getOrganisation(ref).catch(() => null)) ?? fail(`No organisation with id or name "${ref}".`);

  if (command === "create") {
    const { values } = parseArgs({ args: rest, options: { name: { type: "string" }, "admin-email": { type: "string" }, "admin-name": { type: "string" } } });
    if (!values.name || !values["admin-email"]) fail(USAGE);
    const email = emailSchema.safeParse(values["admin-email"]);
    if (!email.success) fail(`Admin email: ${email.error.issues[0].message}`);
    const password = passwordSchema.safeParse(await readPassword());
    if (!password.success) fail(`Admin password: ${password.error.issues[0].message}`);
    const { org, admin, masterKey } = await orgs.createOrganisation(
      { name: values.name, admin: { email: email.data, name: values["admin-name"] ?? "", password: password.data } },
      "cli",
    );
    console.log(`✔ Created organisation "${org.name}" (${org.id}) with admin ${admin.email}.`);
    console.log(`  Master API key (shown only now, stored hashed): ${masterKey}`);
  } else if (command === "package") {
    const [verb, orgRef, pkg] = rest;
    if ((verb !== "enable" && verb !== "disable") || !orgRef || !pkg) fail(USAGE);
    const org = await findOrg(orgRef);
    const list = await orgs.setPackage(systemActor(org.id, "cli"), pkg, verb === "enable");
    console.log(`✔ ${org.name}: packages now ${list.join(", ") || "(none)"}.`);
  } else if (command === "level") {
    const [kind, orgRef, ...words] = rest;
    if ((kind !== "support" && kind !== "analytics") || !orgRef || words.length === 0) fail(USAGE);
    const org = await findOrg(orgRef);
    const level = await orgs.setLevel(systemActor(org.id, "cli"), kind, words.join(" "));
    console.log(`✔ ${org.name}: ${kind === "support" ? "Support" : "Analytics"} Level now ${level}.`);
  } else if (command === "reset-password") {
    const email = emailSchema.safeParse(rest[0] ?? "");
    if (!email.success) fail(USAGE);
    const { findUserForLogin } = await import("@/lib/data/users");
    const { createPasswordReset } = await import("@/lib/data/password-resets");
    const user = (await findUserForLogin(email.data)) ?? fail(`No user with the email ${email.data}.`);
    const link = await createPasswordReset(systemActor(user.orgId, "cli"), user.id);
    console.log(`✔ Password reset link for ${link.email} (${user.org.name}), works once until ${link.expiresAt.toISOString()}:`);
    console.log(`  ${link.url}`);
    console.log("  Send it privately: anyone with it can set this password. Earlier links for this user stop working.");
  } else if (command === "list") {
    for (const org of await orgs.listOrganisations()) console.log(`${org.id}  ${org.name}  [${org.packages}]  support ${org.supportLevel}, analytics ${org.analyticsLevel}`);
  } else {
    fail(USAGE);
  }
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb();
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
