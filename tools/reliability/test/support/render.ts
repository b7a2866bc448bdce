/**
 * vitest globalSetup: its teardown runs once after every test file has finished (even when some failed) and, only
 * when RELIABILITY_REPORT=1 (set by `pnpm reliability`), renders RELIABILITY.md at the repo root from the per-area
 * figure files. A plain test run never rewrites the committed report.
 */
import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { findRoot } from "@subscription-apis/test-kit/workspace";
import { readAreas, renderMarkdown } from "./figures.js";

export default function setup(): () => void {
  return () => {
    const areas = readAreas();
    if (process.env.RELIABILITY_REPORT !== "1" || areas.length === 0) return;
    const file = join(findRoot(import.meta.dirname), "RELIABILITY.md");
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, renderMarkdown(areas));
    renameSync(tmp, file);
  };
}
