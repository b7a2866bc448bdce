import { defineConfig } from "vitest/config";

// These tests spawn git, pnpm, publint/attw and servers; on a busy 2-core CI machine the 5 s default is too short.
export default defineConfig({ test: { testTimeout: 600_000, hookTimeout: 600_000 } });
