// P7: Lighthouse 12.8 (mobile preset, simulated throttling) with Debian's Chromium, signed in
// through a Cookie header; median of 3 runs per page. Failing accessibility audits are listed.
//
// Chromium gets both cores (BENCH_LH_CPUS). P7 is not a load test: the server on core 0 only
// answers the page's own requests. Crammed onto the client core, Chromium's browser, network and
// renderer processes take turns on one CPU (beside this process) and the renderer's tasks stretch:
// Lighthouse's simulation then multiplies that wait by 4 as if it were page work (same page,
// same build: TBT 200–350 ms on one core, 80–170 ms on two). The one-core runs are still taken,
// interleaved, and quoted in each row's note so the change of method stays visible.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BASE_URL, CLIENT_CPU, type SeedInfo } from "./env";
import { median, signIn } from "./pages";
import { row, type Row } from "./table";

const RUNS = Number(process.env.BENCH_LH_RUNS ?? 3);
const LH_CPUS = process.env.BENCH_LH_CPUS ?? "0-1";
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
  const tmp = mkdtempSync(path.join(os.tmpdir(), "bench-lh-"));
  // chrome-launcher starts the binary it is given: a wrapper sets the cores Chromium may use
  // (this process, and so Chromium by default, is pinned to the client core).
  const launch = (name: string, cpus: string) => {
    const wrapper = path.join(tmp, `chromium-${name}.sh`);
    writeFileSync(wrapper, `#!/bin/sh\nexec taskset -c ${cpus} /usr/bin/chromium "$@"\n`);
    chmodSync(wrapper, 0o755);
    return chromeLauncher.launch({ chromePath: wrapper, chromeFlags: [...FLAGS, `--user-data-dir=${path.join(tmp, name)}`], userDataDir: false });
  };
  const chrome = await launch("measured", LH_CPUS);
  const oneCore = await launch("one-core", CLIENT_CPU);
  const rows: Row[] = [];
  try {
    for (const page of pages) {
      const perf: number[] = [];
      const perfOneCore: number[] = [];
      const a11y: number[] = [];
      const failing = new Set<string>();
      const audit = async (port: number) => {
        const result = await lighthouse(`${BASE_URL}${page.path}`, {
          port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance", "accessibility"],
          ...(page.cookie ? { extraHeaders: { Cookie: page.cookie } } : {}),
        });
        if (!result) throw new Error(`lighthouse gave no result for ${page.path}`);
        const lhr = result.lhr;
        if (lhr.finalDisplayedUrl && !lhr.finalDisplayedUrl.endsWith(page.path)) throw new Error(`${page.path} ended at ${lhr.finalDisplayedUrl} (not signed in?)`);
        return lhr;
      };
      for (let i = 0; i < RUNS; i++) {
        const lhr = await audit(chrome.port);
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
        perfOneCore.push(Math.round(((await audit(oneCore.port)).categories.performance.score ?? 0) * 100));
      }
      const note = `runs ${perf.join(", ")} (Chromium on cores ${LH_CPUS}); Chromium on core ${CLIENT_CPU} alone: ${perfOneCore.join(", ")} (median ${median(perfOneCore)})`;
      rows.push(row("P7", `Lighthouse performance ${page.name} (${page.path})`, median(perf), 95, "min-value", 95, "score", note));
      rows.push(row("P7", `Lighthouse accessibility ${page.name}`, median(a11y), 100, "min-value", 100, "score", failing.size ? `failing: ${[...failing].join(", ")}` : undefined));
    }
  } finally {
    chrome.kill();
    oneCore.kill();
    rmSync(tmp, { recursive: true, force: true });
  }
  return rows;
}
