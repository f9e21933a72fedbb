// Sign-out used by both the Account menu and the mobile menu: next-auth ends the session
// (our signOut event deletes the session API token) and the browser lands on /login.
// The same two requests next-auth/react's signOut makes, without shipping that library
// (15 KB gz) to every dashboard page (docs/performance.md#p6); no page uses its cross-tab session sync.
export async function signOutToLogin() {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl: "/login", json: "true" }),
  });
  // A full load, as next-auth does: nothing of the signed-in client router cache survives.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.href = "/login";
}
