// vitest setupFiles entry: runs in each test file's context before the file is imported, so
// lib/db (which reads DATABASE_URL when first imported) sees this file's own database.
// Nothing is created here; a file that queries calls setupTestDatabase() (tests/support/db.ts).
import { freshDatabaseUrl } from "./db";

process.env.DATABASE_URL = freshDatabaseUrl();
