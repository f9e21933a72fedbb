// The signed-in browser of action tests: who is signed in (`current`, `jwt`) and the cookie jar a
// re-issued session writes to. Tests hoist one with vi.hoisted(newSession) and mock the two
// modules with sessionModule / headersModule, so actions run their real code against it.
import type { CurrentUser } from "@/lib/data/sessions";

export type MockSession = { current: CurrentUser | null; jwt: Record<string, unknown> | null; jar: Map<string, string> };

export const newSession = (): MockSession => ({ current: null, jwt: null, jar: new Map() });

/** `@/lib/auth/session` with the signed-in user and session JWT taken from `auth`. */
export const sessionModule = (original: object, auth: MockSession) => ({
  ...original,
  getCurrentUser: async () => auth.current,
  readSessionJwt: async () => auth.jwt,
});

/** `next/headers`: no request headers, and cookies read from and written to `auth.jar`. */
export const headersModule = (auth: MockSession) => ({
  headers: async () => new Headers(),
  cookies: async () => ({
    get: (name: string) => (auth.jar.has(name) ? { name, value: auth.jar.get(name) } : undefined),
    set: (name: string, value: string) => void auth.jar.set(name, value),
  }),
});
