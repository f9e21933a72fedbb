// Runtime settings. The mode is an explicit setting (PLAYGATE_MODE), never inferred from
// NODE_ENV: `next start` always sets production. Demo mode generates its secrets once into a
// file in the data folder; deployment mode refuses to start without them in the environment.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isPackageId, type PackageId } from "@/lib/packages";
import { isValidIpOrCidr } from "@/lib/tokens/ip";

export type Mode = "demo" | "deployment";

export interface AppConfig {
  mode: Mode;
  dataDir: string;
  databaseUrl: string;
  appUrl: string;
  /** Encrypts signing keys at rest and derives webhook secrets. Never stored in the database. */
  appSecret: string;
  /** Encrypts the next-auth session cookie. */
  authSecret: string;
  signupEnabled: boolean;
  /** Packages an organisation made at /signup starts with (the operator switches the rest). */
  signupPackages: PackageId[];
  demoPassword: string;
  limits: {
    login: RateLimitSetting;
    signup: RateLimitSetting;
    invitation: RateLimitSetting;
    tokenReset: RateLimitSetting;
    /** Password reset links made per user, and uses tried per address and per link (PLAYGATE_RATE_LIMIT_PASSWORD_RESET). */
    passwordReset: RateLimitSetting;
    api: RateLimitSetting;
    /** Failed sign-ins and sign-ups per client address (PLAYGATE_RATE_LIMIT_ADDRESS). */
    address: RateLimitSetting;
  };
  /** Password hashing (scrypt) runs at most `concurrency` at once, with at most `queue` waiting. */
  passwordHash: { concurrency: number; queue: number };
  webhook: { allowInsecure: boolean; retryScheduleSec: number[]; timeoutMs: number };
  /** How long finished webhook deliveries (with their attempts) and audit events are kept. */
  retention: { deliveriesDays: number; auditDays: number; usageDays: number };
  /** Usage counting (lib/data/usage.ts): on unless PLAYGATE_USAGE_COUNTING=off; counts gathered in memory are written this often. */
  usage: { enabled: boolean; flushSeconds: number };
  /** The edge: the forward-auth check and the addresses players and encoders use (README, "The edge"). */
  edge: EdgeSetting;
}

export interface EdgeSetting {
  /** Addresses (or CIDR ranges) whose X-Real-IP / X-Forwarded-For the check believes. */
  trustedProxies: string[];
  /** The cookie the check reads a token from, or null for none. */
  tokenCookie: string | null;
  /** Finds the stream name in the original URI: its first capture group. */
  streamPattern: RegExp;
  /** The longest an edge may cache a check's answer (never past the token's exp). */
  cacheSeconds: number;
  /** How long the check decides from what it last knew while the database is unreachable. */
  degradedSeconds: number;
  /** HLS playlist URL with a {stream} placeholder, RTMP play base URL, ingest (publish) base URL. */
  hlsUrl: string | null;
  rtmpUrl: string | null;
  ingestUrl: string | null;
}

export interface RateLimitSetting {
  max: number;
  windowSec: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export const DEFAULT_DEMO_PASSWORD = "playgate-demo";
const MIN_SECRET_LENGTH = 32;

function limit(env: Env, name: string, max: number, windowSec: number): RateLimitSetting {
  const raw = env[`PLAYGATE_RATE_LIMIT_${name}`];
  if (!raw) return { max, windowSec };
  const [m, w] = raw.split("/").map((n) => Number.parseInt(n, 10));
  if (!Number.isFinite(m) || m < 1) throw new ConfigError(`PLAYGATE_RATE_LIMIT_${name} must look like "10/60" (max/window seconds).`);
  return { max: m, windowSec: Number.isFinite(w) && w > 0 ? w : windowSec };
}

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (!raw) return fallback;
  const n = Number.parseInt(raw, 10);
  if (!Number.isFinite(n) || n < 1) throw new ConfigError(`${name} must be a whole number of at least 1.`);
  return n;
}

function nonNegativeInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a whole number of at least 0.`);
  return n;
}

/** The first path segment after the first, as in /hls/<stream>/index.m3u8 or /live/<stream>.m3u8. */
export const DEFAULT_STREAM_PATTERN = "^/[^/]+/([^/.?]+)";

function edgeSetting(env: Env): EdgeSetting {
  const trustedProxies = (env.PLAYGATE_EDGE_TRUSTED_PROXIES ?? "127.0.0.1,::1")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  const bad = trustedProxies.filter((p) => !isValidIpOrCidr(p));
  if (bad.length) throw new ConfigError(`PLAYGATE_EDGE_TRUSTED_PROXIES holds what is not an IP address or CIDR range: ${bad.join(", ")}.`);
  let streamPattern: RegExp;
  try {
    streamPattern = new RegExp(env.PLAYGATE_EDGE_STREAM_PATTERN || DEFAULT_STREAM_PATTERN);
  } catch {
    throw new ConfigError("PLAYGATE_EDGE_STREAM_PATTERN is not a valid regular expression.");
  }
  if (!/\((?!\?)/.test(streamPattern.source)) throw new ConfigError("PLAYGATE_EDGE_STREAM_PATTERN needs one capture group around the stream name, e.g. ^/hls/([^/]+)/.");
  const cookie = env.PLAYGATE_EDGE_TOKEN_COOKIE ?? "playgate_token";
  if (cookie && !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(cookie)) throw new ConfigError("PLAYGATE_EDGE_TOKEN_COOKIE must be a cookie name (letters, digits and !#$%&'*+.^_`|~-).");
  const url = (name: string) => {
    const raw = env[name]?.trim();
    if (!raw) return null;
    try {
      new URL(raw.replace("{stream}", "x"));
    } catch {
      throw new ConfigError(`${name} must be an absolute URL, not "${raw}".`);
    }
    return raw.replace(/\/$/, "");
  };
  return {
    trustedProxies,
    tokenCookie: cookie || null,
    streamPattern,
    cacheSeconds: nonNegativeInt(env, "PLAYGATE_EDGE_CACHE_SECONDS", 5),
    degradedSeconds: nonNegativeInt(env, "PLAYGATE_EDGE_DEGRADED_SECONDS", 300),
    hlsUrl: url("PLAYGATE_EDGE_HLS_URL"),
    rtmpUrl: url("PLAYGATE_EDGE_RTMP_URL"),
    ingestUrl: url("PLAYGATE_INGEST_URL"),
  };
}

/**
 * Read apart from the rest of the settings: every password hash asks for it, also in tools that
 * run without the server's secrets (the operator CLI), where getConfig() refuses.
 */
export function passwordHashSetting(env: Env = process.env): AppConfig["passwordHash"] {
  return {
    concurrency: positiveInt(env, "PLAYGATE_PASSWORD_HASH_CONCURRENCY", 2),
    queue: positiveInt(env, "PLAYGATE_PASSWORD_HASH_QUEUE", 16),
  };
}

function readDemoSecrets(dataDir: string): { appSecret: string; authSecret: string } {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  mkdirSync(dataDir, { recursive: true });
  const secrets = { appSecret: randomBytes(32).toString("base64url"), authSecret: randomBytes(32).toString("base64url") };
  // Written whole under another name, then linked into place: of several instances starting at
  // once the first link wins, and the others read the winner's complete file, never a half one.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(draft, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  chmodSync(draft, 0o600);
  try {
    linkSync(draft, file);
    return secrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return JSON.parse(readFileSync(file, "utf8"));
  } finally {
    rmSync(draft, { force: true });
  }
}

export type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  const modeValue = env.PLAYGATE_MODE ?? "deployment";
  if (modeValue !== "demo" && modeValue !== "deployment") {
    throw new ConfigError(`PLAYGATE_MODE must be "demo" or "deployment", not "${modeValue}".`);
  }
  const mode: Mode = modeValue;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ env.PLAYGATE_DATA_DIR ?? "data");
  const databaseUrl = env.DATABASE_URL ?? `file:${path.join(dataDir, "playgate.db")}`;
  const appUrl = (env.APP_URL ?? env.NEXTAUTH_URL ?? (mode === "demo" ? `http://localhost:${env.PORT ?? 3000}` : "")).replace(/\/$/, "");

  let appSecret = env.PLAYGATE_SECRET ?? "";
  let authSecret = env.NEXTAUTH_SECRET ?? "";
  if (mode === "demo" && (!appSecret || !authSecret)) {
    const file = readDemoSecrets(dataDir);
    appSecret ||= file.appSecret;
    authSecret ||= file.authSecret;
  }
  if (mode === "deployment") {
    const missing: string[] = [];
    if (appSecret.length < MIN_SECRET_LENGTH) missing.push(`PLAYGATE_SECRET (at least ${MIN_SECRET_LENGTH} characters)`);
    if (authSecret.length < MIN_SECRET_LENGTH) missing.push(`NEXTAUTH_SECRET (at least ${MIN_SECRET_LENGTH} characters)`);
    if (!appUrl) missing.push("APP_URL (the exact origin users open, e.g. https://playgate.example.com)");
    if (missing.length > 0) {
      throw new ConfigError(
        `Playgate is in deployment mode and refuses to start without: ${missing.join(", ")}. ` +
          `Generate secrets with: openssl rand -base64 48. For a local demo, run "npm run demo" instead.`,
      );
    }
  }

  const signup = env.PLAYGATE_SIGNUP ?? (mode === "demo" ? "on" : "off");
  const signupPackages = (env.PLAYGATE_SIGNUP_PACKAGES ?? "live_processing,h5live_player,secure_playback")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  const unknownPackages = signupPackages.filter((p) => !isPackageId(p));
  if (unknownPackages.length > 0) throw new ConfigError(`PLAYGATE_SIGNUP_PACKAGES names unknown packages: ${unknownPackages.join(", ")}.`);
  return {
    mode,
    dataDir,
    databaseUrl,
    appUrl,
    appSecret,
    authSecret,
    signupEnabled: signup === "on" || signup === "true" || signup === "1",
    signupPackages: signupPackages as PackageId[],
    demoPassword: env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
    limits: {
      login: limit(env, "LOGIN", 10, 300),
      signup: limit(env, "SIGNUP", 5, 3600),
      invitation: limit(env, "INVITATION", 10, 300),
      tokenReset: limit(env, "TOKEN_RESET", 10, 300),
      passwordReset: limit(env, "PASSWORD_RESET", 10, 3600),
      api: limit(env, "API", 600, 60),
      address: limit(env, "ADDRESS", 50, 300),
    },
    passwordHash: passwordHashSetting(env),
    webhook: {
      allowInsecure: env.PLAYGATE_WEBHOOK_ALLOW_INSECURE === "1",
      retryScheduleSec: (env.PLAYGATE_WEBHOOK_RETRY_SCHEDULE ?? "5,30,120,600,3600,10800")
        .split(",")
        .map((n) => Number.parseFloat(n))
        .filter((n) => Number.isFinite(n) && n >= 0),
      timeoutMs: Number.parseInt(env.PLAYGATE_WEBHOOK_TIMEOUT_MS ?? "15000", 10),
    },
    retention: {
      deliveriesDays: positiveInt(env, "PLAYGATE_RETENTION_DELIVERIES_DAYS", 30),
      auditDays: positiveInt(env, "PLAYGATE_RETENTION_AUDIT_DAYS", 400),
      usageDays: positiveInt(env, "PLAYGATE_RETENTION_USAGE_DAYS", 7),
    },
    usage: { enabled: env.PLAYGATE_USAGE_COUNTING !== "off", flushSeconds: positiveInt(env, "PLAYGATE_USAGE_FLUSH_SECONDS", 5) },
    edge: edgeSetting(env),
  };
}

let cached: AppConfig | null = null;

/** The process-wide configuration, loaded once. Throws ConfigError when settings are missing. */
export function getConfig(): AppConfig {
  cached ??= loadConfig();
  return cached;
}

/** For tests that change the environment between cases. */
export function resetConfigForTests(): void {
  cached = null;
}
