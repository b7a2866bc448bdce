import { defineConfig } from "vitest/config";

// These tests spawn the CLI, redocly, tsc and git: generous per-test timeouts for a loaded 2-core machine.
export default defineConfig({ test: { testTimeout: 600_000, hookTimeout: 600_000 } });
