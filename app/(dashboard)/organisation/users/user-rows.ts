// What the users table is sent per user: only what it shows, the token key id already masked
// (the table is a client component, so everything here reaches the browser).
export type UserRow = { id: string; email: string; name: string; role: string; tokenKey: string; createdAt: Date };

/** "tk_3f9a1c2e" → "tk_3f9a••••": enough to tell keys apart, e.g. before and after a reset. */
export function maskTokenKeyId(id: string): string {
  return `${id.slice(0, 7)}••••`;
}

export function toUserRow(user: { id: string; email: string; name: string; role: string; tokenKeyId: string; createdAt: Date }): UserRow {
  return { id: user.id, email: user.email, name: user.name, role: user.role, tokenKey: maskTokenKeyId(user.tokenKeyId), createdAt: user.createdAt };
}
