// UI component tests (jsdom). The main vitest.config.ts may include these too; this config lets
// the UI suite run on its own: npx vitest run --config vitest.ui.config.ts
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@/": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    environment: "jsdom",
    include: ["tests/unit/ui/**/*.test.tsx"],
  },
});
