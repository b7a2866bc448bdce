import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One file per area; the teardown of this global setup merges their figures into RELIABILITY.md.
    globalSetup: ["test/support/render.ts"],
    pool: "forks",
    // The load test measures heap growth after explicit collections (global.gc).
    execArgv: ["--expose-gc"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
