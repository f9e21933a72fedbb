// Which database a URL names. Kept apart from migrate.ts so lib/db/index.ts (bundled by Next)
// does not pull in the migration engine.
export type DbProvider = "sqlite" | "postgresql";

export function providerOf(url: string): DbProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`Unsupported DATABASE_URL scheme "${url.split(":")[0]}:" (use file: or postgresql://)`);
}
