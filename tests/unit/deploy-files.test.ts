// deploy/: the systemd unit passes `systemd-analyze verify` and restarts a dead server as a
// non-root user with its settings in an environment file; the container recipe runs exactly the
// pruned-deployment steps that scripts/check-deployment.sh runs in CI, as a non-root user, with a
// health check on /api/health.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const unit = readFileSync("deploy/playgate.service", "utf8");
const recipe = readFileSync("deploy/Containerfile", "utf8");
const check = readFileSync("scripts/check-deployment.sh", "utf8");
const PRUNED_STEPS = "npm ci && npm run build && npm prune --omit=dev";

describe("deploy/", () => {
  it("the systemd unit verifies, restarts on failure, runs as a non-root user from an environment file", () => {
    const verify = spawnSync("systemd-analyze", ["verify", "deploy/playgate.service"], { encoding: "utf8" });
    expect(verify.error).toBeUndefined();
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stderr.trim()).toBe("");
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^User=playgate$/m);
    expect(unit).toMatch(/^EnvironmentFile=\/etc\/playgate\/playgate\.env$/m);
    expect(unit).toMatch(/^ExecStart=.*scripts\/start\.sh$/m);
  });

  it("the container recipe builds with the pruned-deployment steps CI checks, runs as non-root, checks /api/health", () => {
    expect(recipe).toMatch(/^FROM node:20-/m);
    expect(recipe).toContain(`RUN ${PRUNED_STEPS}\n`);
    expect(check).toContain(PRUNED_STEPS);
    expect(recipe).toMatch(/^USER node$/m);
    expect(recipe).toMatch(/HEALTHCHECK[\s\S]*\/api\/health/);
    expect(JSON.parse(readFileSync("package.json", "utf8")).scripts.start).toBe("bash scripts/start.sh");
    expect(recipe).toMatch(/^CMD \["bash", "scripts\/start\.sh"\]$/m);
  });
});
