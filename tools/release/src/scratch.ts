import { execFileSync } from "node:child_process";
import { createServer } from "node:net";

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
