// Security header values (SECURITY.md row 16). HSTS depends on the runtime mode: lib/hsts.ts.

export const HSTS = "max-age=63072000; includeSubDomains";
