// Settings shared by every bench step: its own database, data folder, build folder and port,
// so a run never touches the demo database or the lead's .next.
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..");
export const DATA_DIR = path.join(ROOT, "bench/data");
export const DB_FILE = path.join(DATA_DIR, "bench.db");
export const SEED_FILE = path.join(DATA_DIR, "seed.json");
export const RESULTS_FILE = path.join(ROOT, "bench/results/latest.json");
export const DIST_DIR = ".next-bench";
export const PORT = Number(process.env.BENCH_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
export const PASSWORD = "playgate-bench";
/** Core for the server; the bench process, wrk and clients run on the other one. */
export const SERVER_CPU = process.env.BENCH_SERVER_CPU ?? "0";
export const CLIENT_CPU = process.env.BENCH_CLIENT_CPU ?? "1";

export const SCALE = {
  users: 10_000,
  streams: 1_000,
  tokens: 200_000,
  revoked: 100_000,
  realTokens: 2_000,
  small: 10,
};

/** The environment the server and every data-layer script of the bench run with. */
export function benchEnv(): Record<string, string> {
  return {
    PLAYGATE_MODE: "demo",
    PLAYGATE_DATA_DIR: DATA_DIR,
    DATABASE_URL: `file:${DB_FILE}`,
    APP_URL: BASE_URL,
    NEXTAUTH_URL: BASE_URL,
    PORT: String(PORT),
    HOSTNAME: "127.0.0.1",
    PLAYGATE_DIST_DIR: DIST_DIR,
    PLAYGATE_RATE_LIMIT_API: "1000000/60",
    PLAYGATE_RATE_LIMIT_LOGIN: "1000000/60",
    NEXT_TELEMETRY_DISABLED: "1",
    DEMO_PASSWORD: PASSWORD,
  };
}

export interface SeedInfo {
  version: number;
  big: { orgId: string; admin: string; masterKey: string; groupIds: string[] };
  small: { orgId: string; admin: string };
  /** Real signed tokens with the stream they name; half of them are revoked in the registry. */
  real: { token: string; stream: string; revoked: boolean }[];
}
