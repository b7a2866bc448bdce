import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Chromium start-up plus six pages; the type-check of the samples runs tsgo once.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
