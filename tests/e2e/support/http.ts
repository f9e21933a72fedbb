// Plain-HTTP helpers for security tests against the built server: sign in without a browser,
// find server actions in the build's manifests, and replay an action's POST as anyone.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

// Here, not in browser.ts: the bench imports this file outside vitest, and browser.ts imports vitest.
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD || "playgate-demo";

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]);
}

/** Signs in through next-auth's credentials callback; returns the Cookie header value. */
export async function signInCookie(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfRes);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = cookiesOf(res).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  return [...jar, session].join("; ");
}

/** Signs the cookie's session out through next-auth (the session row is deleted server-side). */
export async function signOutCookie(baseUrl: string, cookie: string): Promise<void> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { Cookie: cookie } });
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = [cookie, ...cookiesOf(csrfRes)].join("; ");
  const res = await fetch(`${baseUrl}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar },
    body: new URLSearchParams({ csrfToken, json: "true" }),
  });
  if (res.status >= 400) throw new Error(`sign-out failed: ${res.status}`);
}

export interface BuiltAction {
  id: string;
  name: string;
  file: string;
  /** The page that imports it (a route to POST to). */
  page: string;
  /** "public" or the permission named in its defineAction call. */
  permission: string;
  actionName: string;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name === "server-reference-manifest.json") out.push(full);
  }
  return out;
}

/** Every server action of the production build, with the permission its source declares. */
export function builtActions(root = process.cwd()): BuiltAction[] {
  const byId = new Map<string, BuiltAction>();
  for (const manifest of walk(path.join(root, ".next/server/app"))) {
    const json = JSON.parse(readFileSync(manifest, "utf8")) as { node: Record<string, { exportedName: string; filename: string; workers: Record<string, unknown> }> };
    for (const [id, entry] of Object.entries(json.node)) {
      if (byId.has(id)) continue;
      const source = readFileSync(path.join(root, entry.filename), "utf8");
      const decl = new RegExp(`export const ${entry.exportedName}\\s*=\\s*(defineAction|definePublicAction)\\(\\s*\\{([^}]*)\\}`).exec(source);
      const fields = decl?.[2] ?? "";
      // POST to a page without dynamic segments where possible (a dynamic one may 404 on "x").
      const worker = Object.keys(entry.workers).sort((a, b) => (a.match(/\[/g)?.length ?? 0) - (b.match(/\[/g)?.length ?? 0))[0] ?? "";
      const page = "/" + worker.replace(/^app\//, "").replace(/\/page$/, "").split("/").filter((s) => !s.startsWith("(")).join("/");
      byId.set(id, {
        id,
        name: entry.exportedName,
        file: entry.filename,
        page: page.replace(/\[(\w+)\]/g, "x"),
        permission: decl?.[1] === "definePublicAction" ? "public" : (/permission:\s*"([^"]+)"/.exec(fields)?.[1] ?? "unknown"),
        actionName: /name:\s*"([^"]+)"/.exec(fields)?.[1] ?? entry.exportedName,
      });
    }
  }
  return [...byId.values()];
}

/** Replays a server action POST the way React's client does (JSON-encoded arguments). */
export async function callAction(baseUrl: string, action: BuiltAction, input: unknown, opts: { cookie?: string; origin?: string } = {}) {
  const res = await fetch(`${baseUrl}${action.page}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Next-Action": action.id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: opts.origin ?? baseUrl,
      ...(opts.cookie ? { Cookie: opts.cookie } : {}),
    },
    body: JSON.stringify(["$undefined", input]),
  });
  const text = await res.text();
  // The action's return value is the RSC row that carries "ok".
  const row = text.split("\n").find((line) => /^\w+:\{"ok":/.test(line));
  const result = row ? (JSON.parse(row.slice(row.indexOf(":") + 1)) as { ok: boolean; code?: string; message?: string }) : null;
  return { status: res.status, text, result };
}
