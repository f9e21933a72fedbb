// A burst of token creations through the data layer, for the SIGKILL test (tests/integration/
// kill-burst.test.ts): BURST_LOOPS loops create tokens one after another and print each id the
// moment createPlaybackToken returned it (what "answered 201" means at this layer). Writes to a
// pipe are synchronous on Linux, so a printed id reached the parent even if the kill follows.
// Args: <orgId> <groupId>; the test bundles it with esbuild and runs it on plain Node.
import { createPlaybackToken } from "@/lib/data/playback-tokens";
import { apiBodyToTokenInput } from "@/lib/validation/tokens";
import type { Actor } from "@/lib/auth/actor";

const [orgId, groupid] = process.argv.slice(2);
const loops = Number(process.env.BURST_LOOPS ?? "8");
const actor: Actor = { kind: "api_key", orgId, role: "admin", userId: null, email: "API key burst", label: "burst" };

async function loop(n: number) {
  for (let i = 0; ; i++) {
    const { id } = await createPlaybackToken(actor, apiBodyToTokenInput({ groupid, tag: `burst-${n}` }), "api");
    process.stdout.write(`created ${id}\n`);
  }
}

process.stdout.write("ready\n");
for (let n = 0; n < loops; n++) {
  loop(n).catch((error: unknown) => {
    process.stderr.write(`loop ${n} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
