// Settings for a test file, applied before anything reads getConfig(): deployment mode (as the
// server runs without the demo flag), an https APP_URL, plus any extra variables (undefined
// removes one). Secrets come from tests/support/env.ts.
import { resetConfigForTests } from "@/lib/config";

export function applyTestConfig(extra: Record<string, string | undefined> = {}): void {
  process.env.PLAYGATE_MODE = "deployment";
  process.env.APP_URL = "https://playgate.test";
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetConfigForTests();
}
