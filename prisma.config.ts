// Prisma CLI configuration. Prisma 7 reads no .env and throws on an unset env(), so the URL
// falls back to the embedded SQLite file. The SQLite schema is the default; the PostgreSQL
// client is generated with `--schema prisma/postgres` (see package.json "generate").
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/sqlite",
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/playgate.db" },
});
