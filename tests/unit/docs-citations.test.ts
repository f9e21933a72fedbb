// The repository explains itself: comments and documents cite only files it holds (docs/…, with
// anchors that exist), never the planning notes outside it, and the README's architecture map
// names every part of lib/ and nothing that is not there.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.join(import.meta.dirname, "../..");
const self = path.relative(root, import.meta.filename);

/** Tracked files (and new ones not yet added) that hold prose or comments. */
const textFiles = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" })
  .split("\n")
  .filter((f) => /\.(ts|tsx|mts|mjs|js|css|sh|lua|md|service|example|toml|prisma|sql)$|Containerfile$/.test(f))
  .filter((f) => !f.startsWith("lib/generated/") && f !== self && existsSync(path.join(root, f)));
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, "").replace(/ /g, "-");
const anchorsOf = (file: string) =>
  new Set([...read(file).matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])));

const outside: [string, RegExp][] = [
  ["a path into the planning notes' folder", /(?<![\w/@.-])(?:\.\.\/)*shared\/[A-Za-z]|\/work\/shared\b/],
  ["a planning note by name", /\b(?:PERF|STACK|STYLE|PRODUCT)\.md\b/],
  ["a performance target by its old name (cite the docs/performance.md heading)", /\bPERF P\d/],
  ["a stack trap by its old name (cite the docs/stack.md heading)", /\bSTACK(?:\.md)? trap/],
];

/** `docs/<file>.md` citations with their anchors (`docs/performance.md#p3, #p4` cites two). */
function docCitations(text: string): { file: string; anchors: string[] }[] {
  return [...text.matchAll(/(?<![\w/-])docs\/([\w.-]+\.md)((?:#[\w-]+)(?:, #[\w-]+)*)?/g)].map((m) => ({
    file: `docs/${m[1]}`,
    anchors: (m[2] ?? "").split(", ").filter(Boolean).map((a) => a.slice(1)),
  }));
}

/** Relative Markdown links of a .md file: `[x](other.md#a)`, `[x](#a)`. */
function markdownLinks(file: string): { file: string; anchors: string[] }[] {
  return [...read(file).matchAll(/\]\((?!https?:)([\w./-]*?\.md)?(#[\w-]+)?\)/g)]
    .filter((m) => m[1] || m[2])
    .map((m) => ({ file: m[1] ? path.normalize(path.join(path.dirname(file), m[1])) : file, anchors: m[2] ? [m[2].slice(1)] : [] }));
}

describe("documentation citations", () => {
  it("no comment or document cites a file outside the repository", () => {
    const found = textFiles.flatMap((file) =>
      read(file).split("\n").flatMap((line, i) =>
        outside.filter(([, pattern]) => pattern.test(line)).map(([what]) => `${file}:${i + 1}: ${what}: ${line.trim()}`),
      ),
    );
    expect(found).toEqual([]);
  });

  it("every cited docs/ file and anchor exists", () => {
    const cited = textFiles.flatMap((file) => [
      ...docCitations(read(file)).map((c) => ({ ...c, from: file })),
      ...(file.endsWith(".md") ? markdownLinks(file).map((c) => ({ ...c, from: file })) : []),
    ]);
    expect(cited.length).toBeGreaterThan(20);
    const broken = cited.flatMap(({ file, anchors, from }) => {
      if (!existsSync(path.join(root, file))) return [`${from}: ${file} does not exist`];
      const known = anchorsOf(file);
      return anchors.filter((a) => !known.has(a)).map((a) => `${from}: ${file}#${a} is no heading there`);
    });
    expect(broken).toEqual([]);
  });

  it("finds a missing anchor and a missing file (the checker itself)", () => {
    expect(docCitations("see docs/stack.md#trap-1, #trap-99 and docs/nothing.md")).toEqual([
      { file: "docs/stack.md", anchors: ["trap-1", "trap-99"] },
      { file: "docs/nothing.md", anchors: [] },
    ]);
    expect(anchorsOf("docs/stack.md").has("trap-1")).toBe(true);
    expect(anchorsOf("docs/stack.md").has("trap-99")).toBe(false);
    expect(slug("The outbox in the `same` transaction")).toBe("the-outbox-in-the-same-transaction");
    expect(outside.some(([, p]) => p.test(`(see ../${"shared"}/STACK.md trap 1)`))).toBe(true);
    expect(outside.some(([, p]) => p.test('import x from "next/dist/shared/lib/x";'))).toBe(false);
  });
});

describe("README architecture map", () => {
  const readme = read("README.md");
  const section = readme.slice(readme.indexOf("## Architecture"));
  const map = section.slice(section.indexOf("```\n") + 4, section.indexOf("\n```", section.indexOf("```\n") + 4));
  const entries = map.split("\n").map((line) => line.split(/\s+/)[0]).filter(Boolean);

  // The parts of lib/: each folder and each top-level module (generated clients included when present).
  const parts = [
    ...new Set(
      textFiles
        .concat(existsSync(path.join(root, "lib/generated")) ? ["lib/generated/x"] : [])
        .filter((f) => f.startsWith("lib/"))
        .map((f) => f.split("/"))
        .map((segments) => (segments.length > 2 ? `lib/${segments[1]}/` : `lib/${segments[1]}`)),
    ),
  ].sort();

  it("names every folder and top-level module of lib/", () => {
    expect(parts.length).toBeGreaterThan(10);
    const missing = parts.filter((part) => !entries.some((entry) => entry === part || (part.endsWith("/") && entry.startsWith(part))));
    expect(missing).toEqual([]);
  });

  it("names nothing in lib/ that does not exist", () => {
    const stale = entries
      .filter((entry) => entry.startsWith("lib/"))
      .filter((entry) => !existsSync(path.join(root, entry.split(/[<…{]/)[0])));
    expect(stale).toEqual([]);
  });
});
