import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ["node_modules/**", ".next/**", ".next-bench/**", "bench/data/**", "lib/generated/**", "data/**", "bench/results/**", "tests/artifacts/**", "next-env.d.ts"] },
];
export default config;
