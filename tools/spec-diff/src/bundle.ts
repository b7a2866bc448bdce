import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { createConfig, loadConfig, type Config } from "@redocly/openapi-core";
import { loadSpec } from "@subscription-apis/codegen";

export type Doc = Record<string, any>;

/** The Redocly config to bundle with: the repo's redocly.yaml when given (the generator's), else defaults. */
export async function redoclyConfig(configPath?: string): Promise<Config> {
  return configPath && existsSync(configPath) ? loadConfig({ configPath }) : createConfig({});
}

/**
 * Bundle and check one spec file exactly as the generator does (tools/codegen `loadSpec`): invalid YAML, dangling
 * refs, missing or duplicate operationIds, undeclared path params and unsupported constructs fail with
 * `file:line` (relative to `root`, default the current directory).
 */
export async function bundleFile(file: string, config?: Config, root = process.cwd()): Promise<Doc> {
  return loadSpec(file, config ?? (await redoclyConfig()), root);
}

function git(root: string, args: string[]): string {
  return execFileSync("git", args, { cwd: root, encoding: "utf8", maxBuffer: 256 << 20, stdio: ["ignore", "pipe", "pipe"] });
}

/** Resolve a ref to a commit, failing with a readable message. */
export function resolveRef(root: string, ref: string): string {
  try {
    return git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]).trim();
  } catch {
    throw new Error(`git ref "${ref}" not found (in CI fetch it first, e.g. actions/checkout with fetch-depth: 0)`);
  }
}

/** The merge base of HEAD and `branch` (`origin/<branch>` if it exists, else `<branch>`). */
export function mergeBase(root: string, branch = "main"): string {
  for (const candidate of [`origin/${branch}`, branch]) {
    try {
      const target = resolveRef(root, candidate);
      return git(root, ["merge-base", "HEAD", target]).trim();
    } catch {
      /* try the next */
    }
  }
  throw new Error(`cannot find the merge base of HEAD and "${branch}": pass --base <ref>`);
}

/**
 * Bundle `specFile` (path relative to the repo root) as it was at `ref`: every file under its folder is written
 * out of `git show <ref>:<path>` into a temp dir, then bundled. Returns undefined when the spec did not exist.
 */
export async function bundleAtRef(root: string, ref: string, specFile: string, config: Config): Promise<Doc | undefined> {
  const commit = resolveRef(root, ref);
  const folder = dirname(specFile);
  const files = git(root, ["ls-tree", "-r", "--name-only", commit, "--", folder]).split("\n").filter(Boolean);
  if (!files.includes(specFile)) return undefined;
  const tmp = mkdtempSync(join(tmpdir(), "spec-diff-"));
  try {
    for (const f of files) {
      const out = join(tmp, f);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, execFileSync("git", ["show", `${commit}:${f}`], { cwd: root, maxBuffer: 256 << 20 }));
    }
    return await bundleFile(join(tmp, specFile), config, tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Whether `file` (relative to the root) exists at `ref`. */
export function existsAtRef(root: string, ref: string, file: string): boolean {
  return git(root, ["ls-tree", "--name-only", resolveRef(root, ref), "--", file]).trim() !== "";
}

export const toPosix = (root: string, file: string) => relative(root, file).split("\\").join("/");
