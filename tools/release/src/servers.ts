import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bin } from "./proc.js";
import { freePort, waitForHttp } from "./scratch.js";

/** A child server we started; `stop()` always ends it (SIGTERM, then SIGKILL) and resolves when it is gone. */
export interface Started {
  url: string;
  port: number;
  child: ChildProcess;
  log: string;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill("SIGKILL"), 5000);
      child.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill("SIGTERM");
    });
}

function launch(cmd: string, args: string[], env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const out = createWriteStream(log);
  const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  return child;
}

export const tail = (file: string, n = 40) => {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-n).join("\n");
  } catch {
    return "(no log)";
  }
};

/**
 * Verdaccio 6.8.0 on 127.0.0.1 (a free port) with its storage in `dir`. `scope` (ours) is local-only and never
 * proxied; everything else is proxied to `uplink`. Returns the registry URL and a token for user `ci`.
 */
export async function startVerdaccio(
  dir: string,
  env: NodeJS.ProcessEnv,
  uplink: string,
  scope = "@subscription-apis",
): Promise<Started & { token: string }> {
  const port = await freePort();
  mkdirSync(join(dir, "storage"), { recursive: true });
  const config = join(dir, "config.yaml");
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(join(dir, "storage"))}`,
      "auth:",
      "  htpasswd:",
      `    file: ${JSON.stringify(join(dir, "htpasswd"))}`,
      "    max_users: 10",
      "uplinks:",
      "  npmjs:",
      `    url: ${JSON.stringify(uplink)}`,
      "packages:",
      `  "${scope}/*":`,
      "    access: $all",
      "    publish: $authenticated",
      "    unpublish: $authenticated",
      '  "**":',
      "    access: $all",
      "    proxy: npmjs",
      `listen: 127.0.0.1:${port}`,
      "publish:",
      "  allow_offline: true",
      "web:",
      "  enable: false",
      "log: { type: stdout, format: pretty, level: warn }",
      "",
    ].join("\n"),
  );
  const log = join(dir, "verdaccio.log");
  const child = launch(bin("verdaccio"), ["--config", config], env, log);
  const url = `http://127.0.0.1:${port}/`;
  const stop = stopper(child);
  try {
    await waitForHttp(`${url}-/ping`, () => child.exitCode === null);
    const res = await fetch(`${url}-/user/org.couchdb.user:ci`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "ci", password: "ci-password-123", email: "ci@example.invalid" }),
    });
    const body = (await res.json()) as { token?: string; error?: string };
    if (!res.ok || !body.token) throw new Error(`verdaccio adduser failed: HTTP ${res.status} ${JSON.stringify(body)}`);
    return { url, port, child, log, stop, token: body.token };
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n--- verdaccio log ---\n${tail(log)}`);
  }
}

/** turborepo-remote-cache on 127.0.0.1 (a free port), local storage in `dir`, static token auth. */
export async function startRemoteCache(dir: string, env: NodeJS.ProcessEnv, token: string): Promise<Started> {
  const port = await freePort();
  mkdirSync(join(dir, "artifacts"), { recursive: true });
  const log = join(dir, "remote-cache.log");
  const child = launch(
    bin("turborepo-remote-cache"),
    [],
    {
      ...env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      TURBO_TOKEN: token,
      STORAGE_PROVIDER: "local",
      STORAGE_PATH: join(dir, "artifacts"),
      STORAGE_PATH_USE_TMP_FOLDER: "false",
      LOG_LEVEL: "info",
    },
    log,
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = stopper(child);
  try {
    await waitForHttp(`${url}/v8/artifacts/status`, () => child.exitCode === null, 600, { headers: { authorization: `Bearer ${token}` } });
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n--- remote cache log ---\n${tail(log)}`);
  }
  return { url, port, child, log, stop };
}
