// next-auth's session cookie names (the __Secure- one when APP_URL is https).
export const SESSION_COOKIE = "next-auth.session-token";
export const SECURE_SESSION_COOKIE = "__Secure-next-auth.session-token";
