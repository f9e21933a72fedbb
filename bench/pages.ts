// P5 (signed-in server render time, big organisation vs small) and P6 (First Load JS, gzip).
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { signInCookie } from "@/tests/e2e/support/http";
import { BASE_URL, DIST_DIR, PASSWORD, ROOT } from "./env";

export const signIn = (email: string) => signInCookie(BASE_URL, email, PASSWORD);

/** Time to the last byte of a signed-in GET; refuses anything but a 200 page. */
export async function renderMs(pathname: string, cookie: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(`${BASE_URL}${pathname}`, { headers: { Cookie: cookie }, redirect: "manual" });
  const body = await res.text();
  const ms = performance.now() - start;
  if (res.status !== 200 || body.length < 500) throw new Error(`GET ${pathname} answered ${res.status}`);
  return ms;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const WARMUP_PER_SERIES = Number(process.env.BENCH_P5_WARMUP ?? 10);

/** Median render time per (page, side), the four series interleaved request by request. */
export async function compareRenders(pages: string[], cookies: { big: string; small: string }, n: number) {
  const series = new Map<string, number[]>();
  const key = (p: string, side: string) => `${p}|${side}`;
  // Warm-up: a freshly started server compiles these render paths over its first requests; a
  // single warm-up request per series left the first measured ones several ms slower at random.
  for (let i = 0; i < WARMUP_PER_SERIES; i++) for (const p of pages) for (const side of ["big", "small"] as const) await renderMs(p, cookies[side]);
  for (let i = 0; i < n; i++) {
    for (const p of pages) {
      for (const side of i % 2 ? (["small", "big"] as const) : (["big", "small"] as const)) {
        const ms = await renderMs(p, cookies[side]);
        series.set(key(p, side), [...(series.get(key(p, side)) ?? []), ms]);
      }
    }
  }
  return pages.map((p) => ({ page: p, big: median(series.get(key(p, "big"))!), small: median(series.get(key(p, "small"))!) }));
}

/** First Load JS per route from the build's diagnostics, gzip-compressed chunk by chunk. */
export function firstLoadJs(): { route: string; gzipBytes: number }[] {
  const stats = JSON.parse(readFileSync(path.join(ROOT, DIST_DIR, "diagnostics/route-bundle-stats.json"), "utf8")) as {
    route: string;
    firstLoadChunkPaths: string[];
  }[];
  const sizes = new Map<string, number>();
  const gz = (p: string) => {
    if (!sizes.has(p)) sizes.set(p, gzipSync(readFileSync(path.join(ROOT, p))).length);
    return sizes.get(p)!;
  };
  return stats.map((r) => ({ route: r.route, gzipBytes: r.firstLoadChunkPaths.reduce((a, p) => a + gz(p), 0) }));
}
