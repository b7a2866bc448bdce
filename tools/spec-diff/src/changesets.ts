import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { RANK, type Level } from "./diff.js";

export interface PendingChangeset {
  file: string;
  releases: Record<string, Level>;
}

/** Pending changesets: `.changeset/*.md` (not README.md), front matter `"<package>": patch|minor|major`. */
export function readChangesets(root: string): PendingChangeset[] {
  const dir = join(root, ".changeset");
  if (!existsSync(dir)) return [];
  const out: PendingChangeset[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(".md") || file.toLowerCase() === "readme.md") continue;
    const text = readFileSync(join(dir, file), "utf8");
    const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    if (!m) continue;
    const front = (parse(m[1]!) ?? {}) as Record<string, unknown>;
    const releases: Record<string, Level> = {};
    for (const [name, bump] of Object.entries(front)) {
      if (bump !== "patch" && bump !== "minor" && bump !== "major")
        throw new Error(`.changeset/${file}: "${name}": ${String(bump)} is not patch, minor or major`);
      releases[name] = bump;
    }
    out.push({ file: `.changeset/${file}`, releases });
  }
  return out;
}

/** The largest bump the pending changesets give each package. */
export function pendingBumps(changesets: PendingChangeset[]): Map<string, Level> {
  const out = new Map<string, Level>();
  for (const cs of changesets) {
    for (const [name, bump] of Object.entries(cs.releases)) {
      const cur = out.get(name);
      if (!cur || RANK[bump] > RANK[cur]) out.set(name, bump);
    }
  }
  return out;
}
