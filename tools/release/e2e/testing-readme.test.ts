/**
 * Issue 16, end to end: every client README's "Testing your code" example, run by a consumer from the packages
 * installed from a local registry. The working tree's built packages (runtime and the clients) are published as
 * they are to Verdaccio 6.8.0 on 127.0.0.1 (throwaway storage; `pnpm publish` turns `workspace:` ranges into
 * versions); a fresh project outside the workspace installs them from it (everything else from the normal
 * registry) with vitest and tsc, type-checks each README's vitest file (strict, NodeNext) and runs it: the example
 * response, a retry after 429 + Retry-After, a documented error as a typed error, and the vendor's validation
 * error for a request the real API would reject — for every API. Verdaccio is always stopped.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { cleanEnv, run, runOk } from "@subscription-apis/test-kit/proc";
import { defaultRegistry } from "../src/scratch.js";
import { startVerdaccio, tail } from "../src/servers.js";
import { findRoot, publicPackages, readJson } from "../src/workspace.js";

const STEP = 600_000;
const root = findRoot(new URL(".", import.meta.url).pathname);
const packages = await publicPackages(root);
const clients = packages.filter((p) => p.spec);
const uplink = defaultRegistry();
const tmp = mkdtempSync(join(tmpdir(), "sapi-testing-"));
const consumer = join(tmp, "consumer");
let registry: Awaited<ReturnType<typeof startVerdaccio>> | undefined;

beforeAll(async () => {
  registry = await startVerdaccio(join(tmp, "verdaccio"), cleanEnv(), uplink);
}, 120_000);

afterAll(async () => {
  await registry?.stop(); // always: pass, fail or timeout
  rmSync(tmp, { recursive: true, force: true });
}, 60_000);

/** The README's vitest block that imports the package's `/testing` entry. */
function testingBlock(name: string, readme: string): string {
  const blocks = [...readme.matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  const block = blocks.find((b) => b.includes(`from "${name}/testing"`));
  if (!block) throw new Error(`${name}: README.md has no "Testing your code" example (a \`\`\`ts block importing ${name}/testing)`);
  return block;
}

it(
  "a consumer installs the published packages and runs every README's 'Testing your code' example",
  async () => {
    for (const p of packages) {
      if (!existsSync(join(p.dir, "dist"))) throw new Error(`${p.name}: not built (run \`pnpm build\` first)`);
    }
    // The token goes into a throwaway user-level npmrc: pnpm ignores credentials in a repository's .npmrc.
    const userNpmrc = join(tmp, "user.npmrc");
    writeFileSync(userNpmrc, `registry=${registry!.url}\n//127.0.0.1:${registry!.port}/:_authToken=${registry!.token}\n`);
    const publishEnv = cleanEnv({
      npm_config_userconfig: userNpmrc,
      npm_config_registry: registry!.url,
      npm_config_update_notifier: "false",
    });
    for (const p of packages) {
      const r = await run("pnpm", ["publish", "--no-git-checks", "--registry", registry!.url], { cwd: p.dir, env: publishEnv });
      if (r.code !== 0)
        throw new Error(`${p.name}: pnpm publish exited ${r.code}\n${r.stdout}\n${r.stderr}\n--- verdaccio ---\n${tail(registry!.log)}`);
    }

    mkdirSync(join(consumer, "test"), { recursive: true });
    writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "sapi-testing-consumer", private: true, type: "module" }));
    writeFileSync(join(consumer, ".npmrc"), `registry=${uplink}\n@subscription-apis:registry=${registry!.url}\n`);
    const emptyUserrc = join(tmp, "consumer-user.npmrc");
    writeFileSync(emptyUserrc, "");
    const env = cleanEnv({ npm_config_userconfig: emptyUserrc, npm_config_update_notifier: "false" });
    const tools = ["vitest@4.1.12", "typescript@5.9.3", "@types/node@20.19.43"];
    await runOk("npm", ["install", "--no-audit", "--no-fund", "--save-exact", ...clients.map((p) => `${p.name}@${p.version}`), ...tools], {
      cwd: consumer,
      env,
    });
    const lock = readJson<{ packages: Record<string, { resolved?: string }> }>(join(consumer, "package-lock.json"));
    for (const p of packages) expect(lock.packages[`node_modules/${p.name}`]?.resolved, p.name).toContain(`127.0.0.1:${registry!.port}`);

    for (const p of clients) {
      const readme = readFileSync(join(consumer, "node_modules", p.name, "README.md"), "utf8");
      writeFileSync(join(consumer, "test", `${p.id}.test.ts`), testingBlock(p.name, readme));
    }
    const compilerOptions = { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], types: ["node"] };
    writeFileSync(
      join(consumer, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { ...compilerOptions, strict: true, noUncheckedIndexedAccess: true, noEmit: true },
        include: ["test"],
      }),
    );
    const tsc = await run(join(consumer, "node_modules", ".bin", "tsc"), ["-p", "."], { cwd: consumer, env: cleanEnv() });
    expect(`${tsc.stdout}${tsc.stderr}`.trim()).toBe("");

    const report = join(tmp, "vitest.json");
    const r = await run(join(consumer, "node_modules", ".bin", "vitest"), ["run", "--reporter=json", `--outputFile=${report}`], {
      cwd: consumer,
      env: cleanEnv(),
    });
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const results = readJson<{ testResults: { name: string; assertionResults: { title: string; status: string }[] }[] }>(
      report,
    ).testResults;
    const byApi = Object.fromEntries(
      results.map((f) => [f.name.replace(/^.*\/test\/|\.test\.ts$/g, ""), f.assertionResults.map((a) => `${a.status}: ${a.title}`)]),
    );
    const expected = [
      "passed: gets the spec's example response",
      "passed: retries after 429 + Retry-After",
      "passed: receives a documented error as a typed error",
      "passed: gets the vendor's validation error for a request the real API would reject",
    ];
    expect(byApi).toEqual(Object.fromEntries(clients.map((p) => [p.id, expected])));
  },
  STEP,
);
