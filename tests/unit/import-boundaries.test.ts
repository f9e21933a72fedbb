// Arrows point down only (eslint.config.mjs): a planted upward import fails `npm run lint`.
// Each case writes a file where such an import would live, lints it with the project's own
// ESLint configuration, and removes it again.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";

const planted: string[] = [];
afterAll(() => {
  planted.forEach((file) => rmSync(file, { force: true }));
  for (const dir of ["app", "components", "lib"]) rmSync(path.resolve(dir, "__planted__"), { recursive: true, force: true });
});

async function lintPlanted(file: string, source: string) {
  const full = path.resolve(file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, source);
  planted.push(full);
  const [result] = await new ESLint().lintFiles([full]);
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("import boundaries", () => {
  it.each([
    ["components/__planted__/a.tsx", 'import { createTokenAction } from "@/app/(dashboard)/secure/token/actions";\nexport const a = createTokenAction;\n', /never import from app/],
    ["lib/__planted__/b.ts", 'import { Button } from "@/components/ui/button";\nexport const b = Button;\n', /lib\/ never imports from components/],
    ["lib/__planted__/c.ts", 'import { getConfig } from "@/app/../lib/config";\nexport const c = getConfig;\n', /never import from app/],
    ["app/__planted__/d.ts", 'import { db } from "@/lib/db";\nexport const d = db;\n', /Only lib\/data/],
    ["components/__planted__/e.ts", 'import type { Prisma } from "@/lib/generated/sqlite/client";\nexport type E = Prisma.UserCreateInput;\n', /Only lib\/data/],
    ["lib/__planted__/f.ts", 'import { PrismaPg } from "@prisma/adapter-pg";\nexport const f = PrismaPg;\n', /Only lib\/data/],
  ])("%s: the upward import fails lint", { timeout: 60_000 }, async (file, source, message) => {
    const messages = await lintPlanted(file, source);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.join("\n")).toMatch(message);
  });

  it("the same imports pointing down pass", { timeout: 60_000 }, async () => {
    expect(await lintPlanted("app/__planted__/g.ts", 'import { Button } from "@/components/ui/button";\nimport { getConfig } from "@/lib/config";\nexport const g = [Button, getConfig];\n')).toEqual([]);
    expect(await lintPlanted("lib/data/__planted__h.ts", 'import { db } from "@/lib/db";\nexport const h = db;\n')).toEqual([]);
  });
});
