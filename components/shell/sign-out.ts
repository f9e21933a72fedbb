// Sign-out used by both the Account menu and the mobile menu: next-auth ends the session
// (our signOut event deletes the session API token) and the browser lands on /login.
import { signOut } from "next-auth/react";

export function signOutToLogin() {
  return signOut({ callbackUrl: "/login" });
}
