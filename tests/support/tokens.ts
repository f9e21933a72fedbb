// Builders for playback-token tests: settings for signing, an organisation with the Secure
// Playback package, streams with renditions, and actors.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { resetConfigForTests } from "@/lib/config";
import type { Actor } from "@/lib/auth/actor";
import { createOrganisation, createStream, createUser } from "@/tests/support/factory";

process.env.PLAYGATE_SECRET ??= "test-app-secret-".padEnd(48, "x");
process.env.NEXTAUTH_SECRET ??= "test-auth-secret-".padEnd(48, "y");
process.env.APP_URL ??= "https://playgate.test";
resetConfigForTests();

export const APP_URL = () => process.env.APP_URL!.replace(/\/$/, "");
const unique = () => randomBytes(5).toString("hex");

export async function tokenOrg(opts: { securePlayback?: boolean } = {}) {
  const org = await createOrganisation({ packages: JSON.stringify(opts.securePlayback === false ? [] : ["secure_playback"]) });
  const admin = await createUser(org.id, "admin");
  const actor: Actor = { kind: "user", orgId: org.id, role: "admin", userId: admin.id, email: admin.email, label: "session" };
  return { org, admin, actor };
}

/** A stream group with `n` renditions (stream names). */
export async function streamWithRenditions(orgId: string, n = 2) {
  const stream = await createStream(orgId);
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const streamName = `s${unique()}-${i}`;
    await db.streamRendition.create({ data: { streamId: stream.id, orgId, streamName, label: `r${i}`, position: i } });
    names.push(streamName);
  }
  return { stream, names };
}

export const DAY_MS = 86_400_000;
export const inDays = (days: number) => new Date(Date.now() + days * DAY_MS);
