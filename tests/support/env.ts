// vitest setupFiles entry: runs in each test file's context before the file is imported, so
// lib/db (which reads DATABASE_URL when first imported) sees this file's own database.
// Nothing is created here; a file that queries calls setupTestDatabase() (tests/support/db.ts).
import { freshDatabaseUrl } from "./db";

process.env.DATABASE_URL = freshDatabaseUrl();

// Deployment-mode settings with throw-away secrets: code under test reads getConfig() as the
// server would, and nothing is written to the project's data folder.
process.env.PLAYGATE_SECRET ??= "test-app-secret-0123456789-0123456789-abcdef";
process.env.NEXTAUTH_SECRET ??= "test-auth-secret-0123456789-0123456789-abcdef";
process.env.APP_URL ??= "http://127.0.0.1:3999";
// New password hashes at scrypt N=2^10 instead of 2^15 (lib/crypto.ts, newHashParams): the files
// that test hashing's cost and queue remove this (sign-in-hardening.test.ts).
process.env.PLAYGATE_TEST_SCRYPT_N ??= "1024";
