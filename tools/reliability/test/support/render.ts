/**
 * vitest globalSetup: its teardown runs once after every test file has finished (even when some failed)
 * and renders the report from the per-area figure files: into `.artifacts/reliability/RELIABILITY.md` on a plain
 * `pnpm test` (a test run leaves the tracked tree as it found it), into RELIABILITY.md at the repo root under
 * `pnpm reliability` (SAPI_WRITE_REPORTS=1), which is how the committed report is refreshed.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readAreas, renderMarkdown } from "./figures.js";
import { repoRoot } from "./paths.js";

export default function setup(): () => void {
  return () => {
    const areas = readAreas();
    if (areas.length === 0) return;
    const dir = process.env.SAPI_WRITE_REPORTS === "1" ? repoRoot() : join(repoRoot(), ".artifacts", "reliability");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "RELIABILITY.md");
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, renderMarkdown(areas));
    renameSync(tmp, file);
  };
}
