#!/usr/bin/env node
// `npm run setup`: the first quick-start command on a fresh machine with only Node and npm.
// Installs pnpm (pinned) if missing, Chromium for the docs browser tests where apt-get is available,
// the workspace from the lockfile, then runs the main job: lint, bundle, generate, build, docs.
import { execSync, spawnSync } from "node:child_process";

const PNPM = "12.21.0";
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", REDOCLY_TELEMETRY: "off", DO_NOT_TRACK: "1" };
const run = (cmd) => {
  console.log(`\n==> ${cmd}`);
  const r = spawnSync(cmd, { stdio: "inherit", shell: true, env });
  if (r.status !== 0) {
    console.error(`\nsetup: \`${cmd}\` failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
};
const has = (cmd) => spawnSync(`command -v ${cmd}`, { shell: true, stdio: "ignore" }).status === 0;
const version = (cmd) => {
  try {
    return execSync(`${cmd} --version`, { env, stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {
    return "";
  }
};

if (version("pnpm") !== PNPM) run(`npm install --global pnpm@${PNPM}`);

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!has(chromium) && !has("chromium")) {
  if (has("apt-get") && process.getuid?.() === 0) {
    run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null");
  } else {
    console.warn("setup: Chromium is missing; the docs browser tests need it: `sudo apt-get install -y chromium` (or set CHROMIUM_PATH).");
  }
}

run("pnpm install --frozen-lockfile");
run("pnpm run build");
console.log("\nsetup: done. Run every test with `pnpm test`.");
