// Rows 19, 20, 21 and 15 for sign-in and sign-up, through the real next-auth route handler
// (POST /api/auth/callback/credentials with a real CSRF token, real scrypt, real database):
// the lockout is counted on the email next-auth authenticates, however the body encodes it; a
// callbackUrl a browser would read as another origin ends on the dashboard; password hashing
// has a concurrency cap with a bounded queue and a per-address budget that sign-up shares.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { randomBytes } from "node:crypto";
import { setupTestDatabase } from "@/tests/support/db";
import { applyTestConfig } from "@/tests/support/config";
import { newOrg, uniqueEmail, PASSWORD } from "@/tests/support/users";
import { asRequest, mockNextHeadersForRequire } from "@/tests/support/request-context";
import { csrf, fromAddress, postCredentials, type SignInAnswer } from "@/tests/support/auth-route";
import { db } from "@/lib/db";
import { passwordHashGauge, verifyPassword } from "@/lib/crypto";
import { signupAction } from "@/app/(auth)/signup/actions";
import LoginPage from "@/app/(auth)/login/page";
import { LoginForm } from "@/app/(auth)/login/login-form";

vi.mock("next/headers", async () => (await import("@/tests/support/request-context")).nextHeadersModule());
mockNextHeadersForRequire();

const APP = "https://playgate.test";
const SETTINGS = {
  PLAYGATE_SIGNUP: "on",
  PLAYGATE_RATE_LIMIT_LOGIN: "3/300",
  PLAYGATE_RATE_LIMIT_ADDRESS: "1000/300",
  PLAYGATE_RATE_LIMIT_SIGNUP: "100/300",
  PLAYGATE_PASSWORD_HASH_CONCURRENCY: undefined,
  PLAYGATE_PASSWORD_HASH_QUEUE: undefined,
  // The real scrypt cost: the queue and the budgets below are about what a hash costs.
  PLAYGATE_TEST_SCRYPT_N: undefined,
};
applyTestConfig(SETTINGS);
setupTestDatabase();

/** A different client address per test (the per-address budget would otherwise carry over). */
let nextHost = 10;
const newAddress = () => `203.0.113.${nextHost++}`;

const RATE_LIMITED = { status: 429, body: { url: `${APP}/login?error=rate_limited`, error: "rate_limited" }, signedIn: false };

function expectRefused(answer: SignInAnswer) {
  expect(answer).toMatchObject(RATE_LIMITED);
  expect(Number(answer.retryAfter)).toBeGreaterThan(0);
}

let token: { token: string; cookie: string };
let account = "";

beforeAll(async () => {
  token = await csrf();
  account = (await newOrg()).admin.email;
});

afterEach(() => applyTestConfig(SETTINGS));

describe("19: the sign-in lockout, whatever the encoding", () => {
  it("19: failures sent as form, JSON, repeated fields, upper case and spaces all count on one account; locked, it refuses the right password in every encoding (429)", { timeout: 120_000 }, async () => {
    const email = (await newOrg()).admin.email;
    // No client address (as behind no proxy and no server.ts): only the email's count can lock.
    const ip = {};
    // Three failures, each encoded differently; the old pre-check read the first form field only.
    expect(await postCredentials(token, { email, password: "wrong-1" }, { json: true, ...ip })).toMatchObject({ status: 401, signedIn: false });
    expect(await postCredentials(token, [["email", "decoy@example.test"], ["email", `  ${email.toUpperCase()} `], ["password", "wrong-2"]], ip)).toMatchObject({ status: 401 });
    expect(await postCredentials(token, { email: ` ${email.toUpperCase()}`, password: "wrong-3" }, ip)).toMatchObject({ status: 401 });

    const right: Array<[Array<[string, string]> | Record<string, unknown>, { json?: boolean }]> = [
      [{ email, password: PASSWORD }, {}],
      [{ email, password: PASSWORD }, { json: true }],
      [{ email: `  ${email.toUpperCase()}  `, password: PASSWORD }, { json: true }],
      [[["email", "decoy@example.test"], ["email", email], ["password", PASSWORD]], {}],
      [[["email", email.toUpperCase()], ["password", "x"], ["password", PASSWORD]], {}],
    ];
    for (const [fields, opts] of right) expectRefused(await postCredentials(token, fields, { ...opts, ...ip }));
    expect(await db.apiSession.count({ where: { user: { email } } })).toBe(0);
  });

  it("19: a locked account refuses the right password without spending a password hash", { timeout: 120_000 }, async () => {
    const email = (await newOrg()).admin.email;
    for (let i = 0; i < 3; i++) await postCredentials(token, { email, password: `wrong-${i}` });
    const before = passwordHashGauge().started;
    for (let i = 0; i < 4; i++) expectRefused(await postCredentials(token, { email, password: PASSWORD }, { json: i % 2 === 1 }));
    expect(passwordHashGauge().started).toBe(before);
  });

  it("19: a locked account is let in with the right password once its window has passed", { timeout: 120_000 }, async () => {
    applyTestConfig({ ...SETTINGS, PLAYGATE_RATE_LIMIT_LOGIN: "1/4" });
    const email = (await newOrg()).admin.email;
    expect(await postCredentials(token, { email, password: "wrong" }, { json: true })).toMatchObject({ status: 401 });
    const refused = await postCredentials(token, { email: email.toUpperCase(), password: PASSWORD }, { json: true });
    expectRefused(refused);
    await new Promise((r) => setTimeout(r, Number(refused.retryAfter) * 1000 + 100));
    expect(await postCredentials(token, { email, password: PASSWORD })).toMatchObject({ status: 200, signedIn: true });
  });
});

// Values a browser resolves to another origin: backslash read as slash, tab/newline dropped,
// protocol-relative, absolute, script. Decoded (as Next hands a query value over) and encoded.
const FOREIGN = [
  "/\\evil.example/x",
  "/%5Cevil.example",
  "/\\evil.example",
  "/%09/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "\t//evil.example",
  "//evil.example",
  "\\\\evil.example",
  "/.//evil.example",
  "https://evil.example",
  "https://playgate.test.evil.example/",
  "javascript:alert(1)",
];

describe("20: no open redirect after sign-in", () => {
  it("20: next-auth's answer to a successful sign-in stays on APP_URL for every foreign callbackUrl; a page of the app is kept", { timeout: 120_000 }, async () => {
    for (const callbackUrl of FOREIGN) {
      const answer = await postCredentials(token, { email: account, password: PASSWORD, callbackUrl });
      const why = JSON.stringify(callbackUrl);
      expect(answer.status, why).toBe(200);
      const url = new URL(answer.body.url!);
      expect(url.origin, why).toBe(APP);
      // What a browser would have made of the value itself: another origin → the dashboard.
      if (new URL(callbackUrl, `${APP}/login`).origin !== APP) expect(url.pathname, why).toBe("/streams");
      expect(url.pathname, why).not.toMatch(/^\/\//);
    }
    const kept = await postCredentials(token, { email: account, password: PASSWORD, callbackUrl: "/organisation/overview?tab=a#b" }, { json: true });
    expect(kept.body.url).toBe(`${APP}/organisation/overview?tab=a#b`);
  });

  it("20: the login page hands its form only a path the browser resolves to this origin", async () => {
    const formNext = async (callbackUrl: string) => {
      const page = await asRequest(new Headers(), () => LoginPage({ searchParams: Promise.resolve({ callbackUrl }) }));
      const children = [(page as { props: { children: unknown } }).props.children].flat(2) as Array<{ type?: unknown; props?: { next?: string } }>;
      return children.find((c) => c?.type === LoginForm)!.props!.next!;
    };
    for (const callbackUrl of FOREIGN) {
      const next = await formNext(callbackUrl);
      // How a browser resolves the path the form navigates to.
      expect(new URL(next, `${APP}/login`).origin, JSON.stringify(callbackUrl)).toBe(APP);
      expect(next, JSON.stringify(callbackUrl)).toMatch(/^\/[^/\\]/);
    }
    expect(await formNext("/streams/abc?x=1")).toBe("/streams/abc?x=1");
  });
});

describe("21: password hashing cannot exhaust the CPU", () => {
  it("21: simultaneous sign-ins with random emails: at most `concurrency` hash at once and `queue` wait; the rest get 503 with Retry-After at once", { timeout: 120_000 }, async () => {
    // Concurrency 2 as by default, a queue of 4 instead of 16 to keep the test short. The first
    // concurrent hashing of this file: the gauge's peaks are this test's.
    applyTestConfig({ ...SETTINGS, PLAYGATE_PASSWORD_HASH_QUEUE: "4" });
    await postCredentials(token, { email: uniqueEmail("warm"), password: "x" }); // the dummy hash exists
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => postCredentials(token, { email: uniqueEmail(`flood${i}`), password: "guess" }, { headers: fromAddress(`198.51.100.${i % 16}`) })));
    const refused = answers.filter((a) => a.status === 503);
    const checked = answers.filter((a) => a.status === 401);
    expect(checked.length).toBeGreaterThanOrEqual(2 + 4);
    expect(refused.length).toBeGreaterThan(0);
    expect(checked.length + refused.length).toBe(20);
    for (const a of refused) expect(a).toMatchObject({ retryAfter: "5", body: { url: `${APP}/login?error=busy`, error: "busy" }, signedIn: false });
    expect(passwordHashGauge()).toMatchObject({ peakRunning: 2, peakWaiting: 4, running: 0, waiting: 0 });
  });

  it("21: while the hash queue is full, sign-in answers 503 and sign-up answers rate_limited, creating nothing", { timeout: 120_000 }, async () => {
    // A small queue, filled by verifies four times as costly as one sign-in (p=12 in the stored hash).
    applyTestConfig({ ...SETTINGS, PLAYGATE_PASSWORD_HASH_CONCURRENCY: "1", PLAYGATE_PASSWORD_HASH_QUEUE: "1" });
    const slow = `scrypt$32768$8$12$${randomBytes(16).toString("base64url")}$${randomBytes(32).toString("base64url")}`;
    const filling = [verifyPassword("x", slow), verifyPassword("x", slow)];
    expect(passwordHashGauge()).toMatchObject({ running: 1, waiting: 1 });
    const orgs = await db.organisation.count();
    const email = uniqueEmail("busy");
    const signup = await asRequest(new Headers(fromAddress(newAddress())), () => signupAction(undefined, { organisation: "Busy Org", name: "B", email, password: PASSWORD }));
    const signIn = await postCredentials(token, { email: account, password: PASSWORD });
    const gauge = passwordHashGauge();
    await Promise.all(filling);
    expect(gauge).toMatchObject({ running: 1, waiting: 1 }); // still full when both were answered
    expect(signup).toMatchObject({ ok: false, code: "rate_limited", message: "Too many sign-ins at once. Try again in 5 seconds." });
    expect(signIn).toMatchObject({ status: 503, retryAfter: "5", signedIn: false });
    expect(await db.organisation.count()).toBe(orgs);
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
  });

  it("21: failed sign-ins from one address stop at the address budget whatever the emails; its successes do not count; another address is not affected", { timeout: 120_000 }, async () => {
    applyTestConfig({ ...SETTINGS, PLAYGATE_RATE_LIMIT_ADDRESS: "2/300" });
    const [a, b] = [{ headers: fromAddress(newAddress()) }, { headers: fromAddress(newAddress()) }];
    for (let i = 0; i < 2; i++) expect(await postCredentials(token, { email: account, password: PASSWORD }, a)).toMatchObject({ status: 200, signedIn: true });
    for (let i = 0; i < 2; i++) expect(await postCredentials(token, { email: uniqueEmail("spray"), password: "guess" }, { ...a, json: i === 1 })).toMatchObject({ status: 401 });
    expectRefused(await postCredentials(token, { email: uniqueEmail("spray"), password: "guess" }, a));
    expectRefused(await postCredentials(token, { email: account, password: PASSWORD }, a));
    expect(await postCredentials(token, { email: uniqueEmail("other"), password: "guess" }, b)).toMatchObject({ status: 401 });
    expect(await postCredentials(token, { email: account, password: PASSWORD }, b)).toMatchObject({ status: 200, signedIn: true });
  });
});

describe("15: sign-up shares the per-address budget", () => {
  it("15: sign-ups, 'already exists' answers included, spend the address's budget with failed sign-ins; past it sign-up answers rate_limited and creates nothing", { timeout: 120_000 }, async () => {
    applyTestConfig({ ...SETTINGS, PLAYGATE_RATE_LIMIT_ADDRESS: "3/300" });
    const here = new Headers(fromAddress(newAddress()));
    const signup = (email: string) => asRequest(here, () => signupAction(undefined, { organisation: `Org ${email}`, name: "N", email, password: PASSWORD }));
    expect(await postCredentials(token, { email: uniqueEmail("guess"), password: "guess" }, { headers: Object.fromEntries(here) })).toMatchObject({ status: 401 });
    expect(await signup(account)).toMatchObject({ ok: false, code: "conflict", message: expect.stringMatching(/already exists/) });
    expect(await signup(uniqueEmail("new"))).toMatchObject({ ok: true });
    const orgs = await db.organisation.count();
    expect(await signup(account)).toMatchObject({ ok: false, code: "rate_limited", message: expect.stringMatching(/Try again in \d+ seconds/) });
    const email = uniqueEmail("late");
    expect(await signup(email)).toMatchObject({ ok: false, code: "rate_limited" });
    expectRefused(await postCredentials(token, { email: account, password: PASSWORD }, { headers: Object.fromEntries(here) }));
    expect(await db.organisation.count()).toBe(orgs);
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
    // Another address is unaffected.
    expect(await asRequest(new Headers(fromAddress(newAddress())), () => signupAction(undefined, { organisation: "Elsewhere", name: "N", email, password: PASSWORD }))).toMatchObject({ ok: true });
  });
});
