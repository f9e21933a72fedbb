// Runs Debian's wrk pinned to the client core and reads req/s and latency percentiles.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { CLIENT_CPU, ROOT } from "./env";

const run = promisify(execFile);

export interface WrkResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

function ms(text: string): number {
  const m = /([\d.]+)(us|ms|s|m)/.exec(text);
  if (!m) return NaN;
  const v = Number(m[1]);
  return m[2] === "us" ? v / 1000 : m[2] === "ms" ? v : m[2] === "s" ? v * 1000 : v * 60_000;
}

export function parseWrk(out: string): WrkResult {
  const errs = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN),
    p50Ms: ms(/^\s+50%\s+(\S+)/m.exec(out)?.[1] ?? ""),
    p99Ms: ms(/^\s+99%\s+(\S+)/m.exec(out)?.[1] ?? ""),
    requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? 0),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    errors: errs ? errs.slice(1).map(Number).reduce((a, b) => a + b, 0) : 0,
  };
}

/** wrk -t1 (one client core) with `connections` for `seconds`; `lua` = [script, ...args]. */
export async function wrk(url: string, opts: { connections: number; seconds: number; lua?: string[] }): Promise<WrkResult> {
  const args = ["-c", CLIENT_CPU, "wrk", "-t1", `-c${opts.connections}`, `-d${opts.seconds}s`, "--latency", "--timeout", "10s"];
  if (opts.lua) args.push("-s", opts.lua[0]);
  args.push(url);
  if (opts.lua && opts.lua.length > 1) args.push("--", ...opts.lua.slice(1));
  const { stdout } = await run("taskset", args, { cwd: ROOT, maxBuffer: 1 << 20 });
  return parseWrk(stdout);
}
