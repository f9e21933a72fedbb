// Stands in for the "server-only" package under vitest (see vitest.config.ts): the real one
// throws outside Next's server bundle.
export {};
