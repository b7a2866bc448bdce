import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One file per area; the teardown of this global setup merges their figures into RELIABILITY.md.
    globalSetup: ["test/support/render.ts"],
    pool: "forks",
    // The load test measures heap growth after explicit collections (global.gc).
    execArgv: ["--expose-gc"],
    // Hang guards, not speed bounds: 10,000-case properties and load loops take several times longer when CI runs
    // other suites on the same two cores.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
