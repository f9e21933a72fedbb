// Where the browser goes after sign-in. A `callbackUrl` (query string or form body) is resolved
// against APP_URL exactly as a browser resolves it — backslashes read as slashes, tabs and
// newlines dropped, `//host` meaning another host — and followed only when it stays on APP_URL's
// origin; anything else goes to the app's home page.
export const HOME_PATH = "/streams";

function onOrigin(value: unknown, appUrl: string): URL | null {
  if (typeof value !== "string" || value === "") return null;
  try {
    const url = new URL(value, appUrl);
    return url.origin === new URL(appUrl).origin ? url : null;
  } catch {
    return null;
  }
}

/**
 * The path to go to, for the login form's client-side navigation. One leading slash only: a path
 * like `/.//evil.example` normalises to `//evil.example`, which a browser reads as a host.
 */
export function safeRedirectPath(value: unknown, appUrl: string): string {
  const url = onOrigin(value, appUrl);
  return url ? url.pathname.replace(/^\/+/, "/") + url.search + url.hash : HOME_PATH;
}

/** The same as an absolute URL on APP_URL's origin (next-auth's redirect callback). */
export function safeRedirectUrl(value: unknown, appUrl: string): string {
  return new URL(safeRedirectPath(value, appUrl), appUrl).href;
}
