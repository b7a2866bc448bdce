import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, lstatSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

/**
 * The environment for nested tools: ours minus anything a parent pnpm/turbo/npm injected (npm_config_*, TURBO_*),
 * so a scratch run sees only the configuration we pass it explicitly.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|NPM_CONFIG_|TURBO_|PNPM_|VITEST|__VITEST)/i.test(k) && k !== "TURBO_TELEMETRY_DISABLED") continue;
    env[k] = v;
  }
  return { ...env, TURBO_TELEMETRY_DISABLED: "1", REDOCLY_TELEMETRY: "off", DO_NOT_TRACK: "1", NO_UPDATE_NOTIFIER: "1", ...extra };
}

/** The registry this machine's npm uses (a mirror in some setups), read before cleanEnv drops npm_config_*. */
export function defaultRegistry(): string {
  try {
    const r = execFileSync("npm", ["config", "get", "registry"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    if (/^https?:\/\//.test(r)) return r.endsWith("/") ? r : `${r}/`;
  } catch {
    /* fall through */
  }
  return "https://registry.npmjs.org/";
}

/**
 * Copy the working tree (tracked files plus untracked, non-ignored ones: what `git status` would commit) into
 * `dest` and make it a fresh git repo on `main` with one commit. The real repository is only read.
 */
export function scratchCopy(root: string, dest: string): string[] {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 << 20,
  })
    .split("\0")
    .filter(Boolean);
  const copied: string[] = [];
  for (const f of new Set(files)) {
    const from = join(root, f);
    if (!existsSync(from) || !lstatSync(from).isFile()) continue; // deleted in the work tree, or a symlink/submodule
    mkdirSync(dirname(join(dest, f)), { recursive: true });
    copyFileSync(from, join(dest, f));
    copied.push(f);
  }
  gitCommitAll(dest, "scratch copy of the working tree", true);
  return copied;
}

const GIT_ID = [
  "-c",
  "user.name=sapi-ci",
  "-c",
  "user.email=ci@example.invalid",
  "-c",
  "commit.gpgsign=false",
  "-c",
  "core.hooksPath=/dev/null",
];

export function gitCommitAll(dir: string, message: string, init = false): void {
  if (init) execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir });
  execFileSync("git", ["add", "-A"], { cwd: dir });
  execFileSync("git", [...GIT_ID, "commit", "-q", "--allow-empty", "-m", message], { cwd: dir });
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Poll `url` until it answers 2xx, the child exits, or `attempts` run out (100 ms apart). */
export async function waitForHttp(url: string, isAlive: () => boolean, attempts = 600, init?: RequestInit): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (!isAlive()) throw new Error(`the server exited before answering ${url}`);
    try {
      const res = await fetch(url, init);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}
