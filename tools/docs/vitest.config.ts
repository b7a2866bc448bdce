import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Chromium start-up plus six pages; the type-check of the samples runs tsgo once.
    // Hang guards, not speed bounds: Chromium and a 2.6 MB page per API take much longer on a loaded machine.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
