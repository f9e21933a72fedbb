// Run by tests/integration/backup.test.ts in a process of its own against a restored backup
// (DATABASE_URL and the secrets from the backup's secrets.json): signs in the admin the way the
// credentials check does, and signs a playback token with the organisation's stored (encrypted)
// key. Prints one JSON line: what worked.
//   tsx --conditions=react-server tests/support/restore-check.ts <email> <password> <orgId>
import { findUserForLogin } from "@/lib/data/users";
import { verifyPassword } from "@/lib/crypto";
import { createPlaybackToken } from "@/lib/data/playback-tokens";
import { tokenFormSchema } from "@/lib/validation/tokens";
import { disconnectDb } from "@/lib/db";

async function main() {
  const [email, password, orgId] = process.argv.slice(2);
  const user = await findUserForLogin(email);
  const signedIn = !!user && (await verifyPassword(password, user.passwordHash));
  let signed = false;
  let error = "";
  try {
    const input = tokenFormSchema.parse({ target: "org", expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    const token = await createPlaybackToken({ kind: "user", orgId, role: "admin", userId: user?.id ?? null, email, label: "restore-check" }, input, "api");
    signed = token.token.split(".").length === 3;
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  console.log(JSON.stringify({ signedIn, signed, error }));
  await disconnectDb();
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
