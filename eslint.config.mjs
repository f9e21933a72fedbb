import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Arrows point down only: app/ → components/ → lib/. A client component that needs a server
// action gets it as a prop from its page; text the server needs lives in lib/. Only the data
// layer (lib/data), lib/db itself, the seed, scripts, the bench, server.ts (start-up) and tests
// touch the Prisma client. `npm run lint` fails on a new upward import (tests/unit/import-boundaries.test.ts).
const APP = { group: ["@/app/*", "@/app", "**/app/*"], message: "lib/ and components/ never import from app/: pass server actions down as props, keep shared text in lib/." };
const COMPONENTS = { group: ["@/components/*", "**/components/*"], message: "lib/ never imports from components/: what the server needs lives in lib/." };
const PRISMA = {
  // lib/db/unavailable (the outage classifier) and lib/db/provider (which database a URL names) are plain functions.
  regex: "^(@/lib/db(/(?!(unavailable|provider)$).*)?|@/lib/generated/.*|@prisma/(client|adapter-[a-z0-9-]+)(/.*)?)$",
  message: "Only lib/data (the data layer) and lib/db use the Prisma client; call a lib/data function instead.",
};
const PRISMA_ALLOWED = ["lib/data/**", "lib/db/**", "lib/generated/**", "prisma/**", "scripts/**", "bench/**", "tests/**", "server.ts"];
const restrict = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ["node_modules/**", ".next/**", ".next-bench/**", "bench/data/**", "lib/generated/**", "data/**", "bench/results/**", "tests/artifacts/**", "next-env.d.ts"] },
  { files: ["**/*.{ts,tsx,mts,mjs,js}"], ignores: PRISMA_ALLOWED, rules: restrict(PRISMA) },
  { files: ["components/**/*.{ts,tsx}"], rules: restrict(APP, PRISMA) },
  { files: ["lib/**/*.{ts,tsx}"], ignores: ["lib/data/**", "lib/db/**"], rules: restrict(APP, COMPONENTS, PRISMA) },
  { files: ["lib/data/**/*.ts", "lib/db/**/*.ts"], rules: restrict(APP, COMPONENTS) },
];
export default config;
