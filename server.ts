// Playgate's own node:http server, in front of Next in the same process (scripts/start.sh runs
// it). It checks the settings (deployment mode refuses to start without secrets), migrates the
// database and seeds the demo under one lock, then serves. Only this server sees the socket and
// the body as it arrives, so it is where the client's address is vouched for and where bodies
// are counted and cut off (SECURITY.md rows 21 and 22); requests Next would answer with a 500
// (unknown methods, undecodable addresses, cross-origin page POSTs) are refused here first. The
// edge's routes (check, authorize, media-server hooks) are answered here too, in front of Next
// (lib/server/listener.ts, lib/server/hot-path.ts).
import http from "node:http";
import net from "node:net";
import { randomBytes } from "node:crypto";
import { ConfigError, DEFAULT_DEMO_PASSWORD, loadConfig, type AppConfig } from "@/lib/config";
import { isDatabaseBusy, prepareDatabase } from "@/lib/db/migrate";
import { PEER_NONCE_ENV } from "@/lib/auth/request-info";
import { refuseConnect } from "@/lib/server/http";
import { HSTS } from "@/lib/security-headers";

/** Resolves false when something already listens on the port (e.g. a demo started earlier). */
function portIsFree(port: number, host?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

/** Migrates; in demo mode seeds an empty database, under the same lock as the migration. */
async function prepare(config: AppConfig): Promise<string | null> {
  let masterKey: string | null = null;
  const seed = async () => {
    const { countOrganisations } = await import("@/lib/data/organisations");
    const { seedDemo } = await import("@/prisma/seed");
    if ((await countOrganisations()) === 0) masterKey = (await seedDemo(config.demoPassword, { dataDir: config.dataDir })).masterKey;
  };
  try {
    await prepareDatabase(config.databaseUrl, config.mode === "demo" ? seed : undefined);
  } catch (error) {
    if (!isDatabaseBusy(error)) throw error;
    fail(`The database (${config.databaseUrl}) is in use by another process, so it could not be migrated. Stop the other Playgate server using it and start again.`);
  }
  // The connection that served the seed stays open: lib/db keeps one client per process (on
  // globalThis), which the edge's door and Next's bundle then share.
  return masterKey;
}

async function printDemoBanner(config: AppConfig, masterKey: string | null) {
  const { DEMO_USERS, OTHER_ADMIN_EMAIL } = await import("@/prisma/seed");
  const passwordNote = config.demoPassword === DEFAULT_DEMO_PASSWORD ? " (default; set DEMO_PASSWORD to change it before the first start)" : "";
  console.log([
    "",
    "  Playgate demo",
    `  Open ${config.appUrl}`,
    "",
    "  Demo logins (password: " + config.demoPassword + ")" + passwordNote,
    ...DEMO_USERS.map((u) => `    ${u.role.padEnd(9)} ${u.email}`),
    `    other org ${OTHER_ADMIN_EMAIL}`,
    "",
    ...(masterKey
      ? ["  Master API key of Demo Streaming Co (shown only now, stored hashed):", `    ${masterKey}`, ""]
      : ["  The demo master API key was printed on the first start; rotate it on the Organisation page.", ""]),
  ].join("\n"));
}

async function main() {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  // Next's handlers read the same settings from the environment of this process.
  Object.assign(process.env, {
    DATABASE_URL: config.databaseUrl,
    APP_URL: config.appUrl,
    NEXTAUTH_URL: config.appUrl,
    NEXTAUTH_SECRET: config.authSecret,
    PLAYGATE_SECRET: config.appSecret,
    NEXT_TELEMETRY_DISABLED: "1",
    [PEER_NONCE_ENV]: randomBytes(18).toString("base64url"),
  });
  const port = Number(process.env.PORT ?? "3000");
  const host = process.env.HOSTNAME || undefined;
  // Checked before migrating: a server still running holds the SQLite file, and the migration
  // would wait on it and fail with an engine error that names neither the port nor the process.
  if (!(await portIsFree(port, host))) {
    fail(`Port ${port} is already in use: is Playgate (another \`npm run demo\` or \`npm start\`) still running? Stop it, or start this one on another port with PORT=${port + 1}.`);
  }
  const masterKey = await prepare(config);
  if (config.mode === "demo") await printDemoBanner(config, masterKey);

  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), hostname: host ?? "localhost", port, customServer: true });
  await app.prepare();
  const handle = app.getRequestHandler();
  const trustProxy = process.env.PLAYGATE_TRUST_PROXY === "1";
  const hsts = config.mode === "deployment" ? HSTS : null;

  // The edge's routes are answered by the listener itself (lib/server/hot-path.ts); the rest by Next.
  // Imported only now: the data layer behind it opens the database named by the settings above.
  const { requestListener } = await import("@/lib/server/listener");
  const server = http.createServer(requestListener({ appUrl: config.appUrl, trustProxy, hsts, next: handle }));
  server.on("connect", (_req, socket) => refuseConnect(socket, hsts));
  // A slow client may not hold a connection open for ever sending headers or a body.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  server.listen(port, host, () => console.log(`  Playgate listening on ${host ?? "all interfaces"}:${port}`));
  const { flushUsage } = await import("@/lib/data/usage");
  const stop = () => {
    setTimeout(() => process.exit(0), 5_000).unref();
    // Usage counted since the last flush is written before the process ends (lib/data/usage.ts).
    void flushUsage().finally(() => {
      server.close(() => process.exit(0));
      server.closeAllConnections();
    });
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error("✖ Playgate could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
