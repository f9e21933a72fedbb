// Deployment mode (no demo flag) refuses to start without secrets, with a clear message; a start on
// a port that is already taken stops before it touches the database.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "@/lib/config";

const BASE_ENV = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", NODE_ENV: "test" as const };

describe("modes", () => {
  it("deployment mode without secrets refuses to start and says what is missing", () => {
    const result = spawnSync("npx", ["tsx", "server.ts"], {
      env: { ...BASE_ENV, DATABASE_URL: "file:/tmp/playgate-never-created.db" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/deployment mode and refuses to start/);
    expect(result.stderr).toMatch(/PLAYGATE_SECRET/);
    expect(result.stderr).toMatch(/NEXTAUTH_SECRET/);
  });

  it("a start on a port already in use says so and leaves the database alone", async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const port = (taken.address() as net.AddressInfo).port;
    const file = `/tmp/playgate-port-taken-${process.pid}.db`;
    try {
      const child = spawn("npx", ["tsx", "server.ts"], {
        env: { ...BASE_ENV, PORT: String(port), DATABASE_URL: `file:${file}`, PLAYGATE_SECRET: "a".repeat(40), NEXTAUTH_SECRET: "b".repeat(40), APP_URL: "http://localhost" },
      });
      let stderr = "";
      child.stderr.on("data", (chunk) => (stderr += chunk));
      const status = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(status).toBe(1);
      expect(stderr).toContain(`Port ${port} is already in use`);
      expect(stderr).toContain(`PORT=${port + 1}`);
      expect(existsSync(file)).toBe(false);
    } finally {
      taken.close();
    }
  }, 60_000);

  it("is chosen by PLAYGATE_MODE, never by NODE_ENV", () => {
    expect(() => loadConfig({ NODE_ENV: "development" })).toThrow(ConfigError);
    expect(() => loadConfig({ PLAYGATE_MODE: "staging" })).toThrow(/must be "demo" or "deployment"/);
  });

  it("accepts deployment secrets from the environment, with sign-up off by default", () => {
    const config = loadConfig({ PLAYGATE_SECRET: "a".repeat(40), NEXTAUTH_SECRET: "b".repeat(40), APP_URL: "https://pg.example.com/" });
    expect(config).toMatchObject({ mode: "deployment", signupEnabled: false, appUrl: "https://pg.example.com" });
  });

  it("sign-up's starting packages are the operator's choice; an unknown package refuses to start", () => {
    const secrets = { PLAYGATE_SECRET: "a".repeat(40), NEXTAUTH_SECRET: "b".repeat(40), APP_URL: "https://pg.example.com" };
    expect(loadConfig(secrets).signupPackages).toEqual(["live_processing", "h5live_player", "secure_playback"]);
    expect(loadConfig({ ...secrets, PLAYGATE_SIGNUP_PACKAGES: "" }).signupPackages).toEqual([]);
    expect(loadConfig({ ...secrets, PLAYGATE_SIGNUP_PACKAGES: " vod , secure_playback" }).signupPackages).toEqual(["vod", "secure_playback"]);
    expect(() => loadConfig({ ...secrets, PLAYGATE_SIGNUP_PACKAGES: "vod,teleport" })).toThrow(/unknown packages: teleport/);
  });

  it("demo mode generates its secrets once into the data folder (owner-only) and reuses them; the environment wins", () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "playgate-demo-secrets-"));
    try {
      const first = loadConfig({ PLAYGATE_MODE: "demo", PLAYGATE_DATA_DIR: dataDir });
      const file = path.join(dataDir, "secrets.json");
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ appSecret: first.appSecret, authSecret: first.authSecret });
      expect(first.appSecret.length).toBeGreaterThanOrEqual(40);
      expect(first.appSecret).not.toBe(first.authSecret);
      expect(first.databaseUrl).toBe(`file:${path.join(dataDir, "playgate.db")}`);
      const again = loadConfig({ PLAYGATE_MODE: "demo", PLAYGATE_DATA_DIR: dataDir });
      expect([again.appSecret, again.authSecret]).toEqual([first.appSecret, first.authSecret]);
      // Secrets from the environment win over the file.
      expect(loadConfig({ PLAYGATE_MODE: "demo", PLAYGATE_DATA_DIR: dataDir, PLAYGATE_SECRET: "e".repeat(40) }).appSecret).toBe("e".repeat(40));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("rejects short secrets", () => {
    expect(() => loadConfig({ PLAYGATE_SECRET: "short", NEXTAUTH_SECRET: "b".repeat(40), APP_URL: "https://x" })).toThrow(/PLAYGATE_SECRET/);
  });
});
