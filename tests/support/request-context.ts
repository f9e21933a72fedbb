// The request a test is handling, for a mocked `next/headers`: next-auth and server actions read
// the request's headers and cookies through that module. AsyncLocalStorage, so concurrent
// requests each see their own. Kept apart from auth-route.ts, which imports the app: the mock's
// factory imports this file and must not import what it mocks.
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";

const current = new AsyncLocalStorage<Headers>();

/** Runs `work` as if handling a request with these headers (server actions read them too). */
export function asRequest<T>(headers: Headers, work: () => Promise<T>): Promise<T> {
  return current.run(headers, work);
}

/** Replacement for `next/headers`: the headers and cookies of the request being handled. */
export function nextHeadersModule() {
  const cookieList = () =>
    (current.getStore()?.get("cookie") ?? "")
      .split(";")
      .map((c) => c.trim())
      .filter(Boolean)
      .map((c) => ({ name: c.slice(0, c.indexOf("=")), value: decodeURIComponent(c.slice(c.indexOf("=") + 1)) }));
  return {
    headers: async () => new Headers(current.getStore() ?? {}),
    cookies: async () => ({
      getAll: cookieList,
      get: (name: string) => cookieList().find((c) => c.name === name),
      has: (name: string) => cookieList().some((c) => c.name === name),
      set: () => undefined,
      delete: () => undefined,
    }),
  };
}


/**
 * next-auth loads `next/headers` with require(), which vi.mock does not reach: this points that
 * CommonJS module's exports at the same replacement (call once, at the top of the test file).
 */
export function mockNextHeadersForRequire(): void {
  Object.assign(createRequire(import.meta.url)("next/headers"), nextHeadersModule());
}
