// A second app instance for tests/integration/signing-key-instances.test.ts: its own process,
// so its own signing-key and verifier caches, on the test file's database. Run with
//   tsx --conditions=react-server tests/support/signing-instance.ts '<json setup>'
// It signs one token and authorizes it (warming every cache), prints {"ready":…}, then creates
// tokens and authorizes that first token in turn until a line "stop" arrives on stdin, and
// prints what each call answered and when.
import { createInterface } from "node:readline";
import type { Actor } from "@/lib/auth/actor";
import { disconnectDb } from "@/lib/db";
import { authorizePlayback, createPlaybackToken } from "@/lib/data/playback-tokens";
import { tokenFormSchema } from "@/lib/validation/tokens";

interface Setup {
  actor: Actor;
  stream: string;
}

export interface Created {
  id: string;
  kid: string;
  answeredAt: number;
}

export interface Authorized {
  startedAt: number;
  answeredAt: number;
  allowed: boolean;
  reason?: string;
}

async function main() {
  const setup = JSON.parse(process.argv[2]) as Setup;
  const input = () => tokenFormSchema.parse({ target: "org", expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
  const first = await createPlaybackToken(setup.actor, input(), "api");
  const warm = await authorizePlayback({ token: first.token, stream: setup.stream });
  if (!warm.allowed) throw new Error(`first token refused: ${warm.reason}`);
  let stop = false;
  createInterface({ input: process.stdin }).on("line", (line) => {
    if (line.trim() === "stop") stop = true;
  });
  process.stdout.write(`${JSON.stringify({ ready: { kid: first.kid, id: first.id } })}\n`);

  const created: Created[] = [];
  const authorized: Authorized[] = [];
  while (!stop) {
    const token = await createPlaybackToken(setup.actor, input(), "api");
    created.push({ id: token.id, kid: token.kid, answeredAt: Date.now() });
    const startedAt = Date.now();
    const answer = await authorizePlayback({ token: first.token, stream: setup.stream });
    authorized.push({ startedAt, answeredAt: Date.now(), allowed: answer.allowed, ...(answer.allowed ? {} : { reason: answer.reason }) });
  }
  process.stdout.write(`${JSON.stringify({ created, authorized })}\n`);
  await disconnectDb();
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
