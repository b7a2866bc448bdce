/**
 * vitest globalSetup: its teardown runs once after every test file has finished (even when some failed)
 * and renders RELIABILITY.md at the repo root from the per-area figure files.
 */
import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readAreas, renderMarkdown } from "./figures.js";
import { findRoot } from "@subscription-apis/test-kit/workspace";

export default function setup(): () => void {
  return () => {
    const areas = readAreas();
    if (areas.length === 0) return;
    const file = join(findRoot(import.meta.dirname), "RELIABILITY.md");
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, renderMarkdown(areas));
    renameSync(tmp, file);
  };
}
