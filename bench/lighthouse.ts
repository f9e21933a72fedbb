// P7: Lighthouse 12.8 (mobile preset, simulated throttling) with Debian's Chromium, signed in
// through a Cookie header; median of 3 runs per page. Failing accessibility audits are listed.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BASE_URL, type SeedInfo } from "./env";
import { median, signIn } from "./pages";
import { row, type Row } from "./table";

const RUNS = Number(process.env.BENCH_LH_RUNS ?? 3);
const FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

export async function lighthouseRows(seed: SeedInfo, log: (s: string) => void): Promise<Row[]> {
  const { default: lighthouse } = await import("lighthouse");
  const chromeLauncher = await import("chrome-launcher");
  const cookie = await signIn(seed.big.admin);
  const pages = [
    { name: "login", path: "/login", cookie: "" },
    { name: "overview", path: "/organisation/overview", cookie },
    { name: "users", path: "/organisation/users", cookie },
    { name: "token", path: "/secure/token", cookie },
  ];
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), "bench-lh-"));
  const chrome = await chromeLauncher.launch({ chromePath: "/usr/bin/chromium", chromeFlags: [...FLAGS, `--user-data-dir=${userDataDir}`], userDataDir: false });
  const rows: Row[] = [];
  try {
    for (const page of pages) {
      const perf: number[] = [];
      const a11y: number[] = [];
      const failing = new Set<string>();
      for (let i = 0; i < RUNS; i++) {
        const result = await lighthouse(`${BASE_URL}${page.path}`, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance", "accessibility"],
          ...(page.cookie ? { extraHeaders: { Cookie: page.cookie } } : {}),
        });
        if (!result) throw new Error(`lighthouse gave no result for ${page.path}`);
        const lhr = result.lhr;
        if (lhr.finalDisplayedUrl && !lhr.finalDisplayedUrl.endsWith(page.path)) throw new Error(`${page.path} ended at ${lhr.finalDisplayedUrl} (not signed in?)`);
        perf.push(Math.round((lhr.categories.performance.score ?? 0) * 100));
        a11y.push(Math.round((lhr.categories.accessibility.score ?? 0) * 100));
        for (const ref of lhr.categories.accessibility.auditRefs) {
          const audit = lhr.audits[ref.id];
          if (ref.weight > 0 && audit.score !== null && audit.score < 1) failing.add(`${ref.id}`);
        }
        if (i === 0) {
          const m = (id: string) => lhr.audits[id]?.displayValue ?? "";
          log(`P7 ${page.name}: perf ${perf[0]} (FCP ${m("first-contentful-paint")}, LCP ${m("largest-contentful-paint")}, TBT ${m("total-blocking-time")}, CLS ${m("cumulative-layout-shift")}), a11y ${a11y[0]}`);
        }
      }
      rows.push(row("P7", `Lighthouse performance ${page.name} (${page.path})`, median(perf), 95, "min-value", 95, "score", `runs ${perf.join(", ")}`));
      rows.push(row("P7", `Lighthouse accessibility ${page.name}`, median(a11y), 100, "min-value", 100, "score", failing.size ? `failing: ${[...failing].join(", ")}` : undefined));
    }
  } finally {
    chrome.kill();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  return rows;
}
