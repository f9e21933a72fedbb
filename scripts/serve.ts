// Starts Playgate: checks settings (deployment mode refuses to start without secrets), migrates
// the database, seeds the demo organisations on the first demo start, prints the demo logins,
// then hands over to `next start`. Run with: tsx --conditions=react-server scripts/serve.ts
import { spawn } from "node:child_process";
import net from "node:net";
import { ConfigError, DEFAULT_DEMO_PASSWORD, loadConfig } from "@/lib/config";
import { isDatabaseBusy, migrateDatabase } from "@/lib/db/migrate";

/** Resolves false when something already listens on the port (e.g. a demo started earlier). */
function portIsFree(port: number, host?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}


async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n✖ ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // The server process reads the same settings from its environment.
  Object.assign(process.env, {
    DATABASE_URL: config.databaseUrl,
    APP_URL: config.appUrl,
    NEXTAUTH_URL: config.appUrl,
    NEXTAUTH_SECRET: config.authSecret,
    PLAYGATE_SECRET: config.appSecret,
    NEXT_TELEMETRY_DISABLED: "1",
  });

  // Checked before migrating: a server still running holds the SQLite file, and the migration
  // would wait on it and fail with an engine error that names neither the port nor the process.
  const port = process.env.PORT ?? "3000";
  if (!(await portIsFree(Number(port), process.env.HOSTNAME))) {
    console.error(`\n✖ Port ${port} is already in use: is Playgate (another \`npm run demo\` or \`npm start\`) still running? Stop it, or start this one on another port with PORT=${Number(port) + 1}.\n`);
    process.exit(1);
  }

  try {
    await migrateDatabase(config.databaseUrl);
  } catch (error) {
    if (!isDatabaseBusy(error)) throw error;
    console.error(`\n✖ The database (${config.databaseUrl}) is in use by another process, so it could not be migrated. Stop the other Playgate server using it and start again.\n`);
    process.exit(1);
  }

  if (config.mode === "demo") {
    const { countOrganisations } = await import("@/lib/data/organisations");
    const { seedDemo, DEMO_USERS, OTHER_ADMIN_EMAIL } = await import("@/prisma/seed");
    let masterKey: string | null = null;
    if ((await countOrganisations()) === 0) masterKey = (await seedDemo(config.demoPassword)).masterKey;
    const passwordNote = config.demoPassword === DEFAULT_DEMO_PASSWORD ? " (default; set DEMO_PASSWORD to change it before the first start)" : "";
    const lines = [
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
    ];
    console.log(lines.join("\n"));
    const { disconnectDb } = await import("@/lib/db");
    await disconnectDb();
  }

  const args = ["next", "start", "-p", port, ...(process.env.HOSTNAME ? ["-H", process.env.HOSTNAME] : [])];
  // V8 otherwise grows the old generation lazily under load (64 connections took next-server from
  // 200 to 520 MB RSS, PERF P8); a cap makes it collect sooner. A larger young generation (semi-space)
  // lets the short-lived objects of a request die young instead of being promoted and marked.
  const heapMb = process.env.PLAYGATE_MAX_HEAP_MB ?? "192";
  const semiSpaceMb = process.env.PLAYGATE_SEMI_SPACE_MB ?? "32";
  let nodeOptions = process.env.NODE_OPTIONS ?? "";
  if (!/--max-old-space-size/.test(nodeOptions)) nodeOptions += ` --max-old-space-size=${heapMb}`;
  if (!/--max-semi-space-size/.test(nodeOptions)) nodeOptions += ` --max-semi-space-size=${semiSpaceMb}`;
  const env = { ...process.env, NODE_OPTIONS: nodeOptions.trim() };
  const child = spawn("npx", args, { stdio: "inherit", env });
  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error) => {
  console.error("✖ Playgate could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
