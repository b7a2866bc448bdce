/**
 * `pnpm test:release`: the real-registry round trip.
 *
 * Verdaccio 6.8.0 on 127.0.0.1 (throwaway storage) <- `pnpm version-packages` + `pnpm release` on a scratch copy of
 * the working tree <- a fresh consumer project outside the workspace installs `@subscription-apis/*` from that
 * registry only, type-checks (tsc 5.9.3, strict, NodeNext) and runs every client README's usage example plus a
 * consumer calling every operation of every API against a local node:http server that answers from the published
 * `openapi.json`, and runs every README's "Testing your code" example (vitest, the package's `./testing` mock): the
 * example response, a retry after 429 + Retry-After, a documented error as a typed error, and the vendor's validation
 * error for a request the real API would reject. Verdaccio is stopped in afterAll, pass or fail.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockApis, type MockApis, type OpenApiDoc } from "../src/mock-api.js";
import { run, runOk } from "@subscription-apis/test-kit/proc";
import { cleanEnv } from "@subscription-apis/test-kit/proc";
import { gitCommitAll, loadDescriptors, scratchCopy } from "@subscription-apis/test-kit/workspace";
import { defaultRegistry } from "../src/scratch.js";
import { startVerdaccio, tail } from "../src/servers.js";
import { readSpecVersion } from "../src/versions.js";
import { findRoot, publicPackages, readJson, type PublicPackage } from "../src/workspace.js";
import { harness, smokeConsumer } from "./clients.js";

// Generous: `pnpm release` builds every package (5 min alone on a loaded 2-core machine); a step is never timed.
const STEP = 900_000;
const root = findRoot(new URL(".", import.meta.url).pathname);
const packages = await publicPackages(root);
const clients = packages.filter((p) => p.spec);
/** Every API's generated descriptor (factories, fake options, auth, operations with example inputs). */
const descriptors = await loadDescriptors(root);
const descriptorOf = (id: string) => descriptors.find((d) => d.id === id)!;
const uplink = defaultRegistry();
const timings: Record<string, number> = {};

const tmp = mkdtempSync(join(tmpdir(), "sapi-release-"));
const repo = join(tmp, "repo");
const consumer = join(tmp, "consumer"); // outside the workspace: no pnpm-workspace.yaml above it
const userNpmrc = join(tmp, "user.npmrc");
let registry: Awaited<ReturnType<typeof startVerdaccio>> | undefined;
let mock: MockApis | undefined;
const baseEnv = cleanEnv({ CI: "true" });
let publishEnv: NodeJS.ProcessEnv;
const published = new Map<string, string>(); // name -> version
const docs: Record<string, OpenApiDoc> = {}; // id -> the published dist/openapi.json

const errorLines = (out: string) =>
  out
    .split("\n")
    .filter((l) => /error|ERR_|failed/i.test(l))
    .slice(0, 40)
    .join("\n");

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t = Date.now();
  try {
    return await fn();
  } finally {
    timings[label] = Date.now() - t;
    console.log(`[test:release] ${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
}

beforeAll(async () => {
  await timed("start verdaccio", async () => {
    registry = await startVerdaccio(join(tmp, "verdaccio"), cleanEnv(), uplink);
  });
  // The token goes into a throwaway *user-level* npmrc: pnpm ignores credentials in a repository's .npmrc.
  writeFileSync(userNpmrc, `registry=${registry!.url}\n//127.0.0.1:${registry!.port}/:_authToken=${registry!.token}\n`);
  // Only publishing talks to Verdaccio; installing the scratch copy uses the machine's normal registry and store.
  publishEnv = cleanEnv({
    npm_config_userconfig: userNpmrc,
    npm_config_registry: registry!.url,
    npm_config_update_notifier: "false",
    CI: "true",
  });
});

afterAll(async () => {
  await mock?.close();
  await registry?.stop(); // always: pass, fail or timeout
  console.log(`[test:release] timings (ms): ${JSON.stringify(timings)}`);
  rmSync(tmp, { recursive: true, force: true });
});

describe.sequential("release round trip through a local Verdaccio", () => {
  it(
    "prepares a scratch copy of the working tree and installs it from the lockfile",
    async () => {
      await timed("scratch copy", async () => {
        mkdirSync(repo);
        scratchCopy(root, repo);
      });
      await timed("scratch install", () =>
        runOk("pnpm", ["install", "--frozen-lockfile", "--prefer-offline"], { cwd: repo, env: baseEnv }),
      );
    },
    STEP,
  );

  it(
    "`pnpm version-packages` bumps every public package and copies the version into its spec",
    async () => {
      const before = new Map(packages.map((p) => [p.name, p.version]));
      writeFileSync(
        join(repo, ".changeset", "release-roundtrip.md"),
        `---\n${packages.map((p) => `"${p.name}": minor`).join("\n")}\n---\n\nRound-trip release test.\n`,
      );
      await timed("version-packages", () => runOk("pnpm", ["run", "version-packages"], { cwd: repo, env: baseEnv }));
      for (const p of await publicPackages(repo)) {
        expect(p.version, p.name).not.toBe(before.get(p.name));
        expect(existsSync(join(p.dir, "CHANGELOG.md")), `${p.name} CHANGELOG.md`).toBe(true);
        if (p.spec) expect(readSpecVersion(readFileSync(p.spec, "utf8")).value, `${p.spec} info.version`).toBe(p.version);
        published.set(p.name, p.version);
      }
      // Private workspace packages are not versioned.
      expect(readJson(join(repo, "tools", "codegen", "package.json")).version).toBe("0.0.0");
      // The version PR leaves a consistent tree: the regenerated client surface carries the new info.version.
      for (const p of (await publicPackages(repo)).filter((x) => x.spec)) {
        expect(readFileSync(join(p.dir, "src", "generated", "api.ts"), "utf8"), `${p.name} src/generated/api.ts`).toContain(
          `"version": "${p.version}"`,
        );
      }
      gitCommitAll(repo, "Version packages");
    },
    STEP,
  );

  it(
    "`pnpm release` builds and publishes every public package to the registry",
    async () => {
      const r = await timed("release (build + changeset publish)", () => run("pnpm", ["run", "release"], { cwd: repo, env: publishEnv }));
      if (r.code !== 0)
        throw new Error(
          `pnpm release exited ${r.code}\n${errorLines(r.stdout)}\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}\n--- verdaccio ---\n${tail(registry!.log)}`,
        );
      for (const [name, version] of published) {
        const res = await fetch(`${registry!.url}${name.replace("/", "%2f")}`);
        expect(res.status, name).toBe(200);
        const meta = (await res.json()) as { "dist-tags": Record<string, string>; versions: Record<string, unknown> };
        expect(meta["dist-tags"].latest, name).toBe(version);
      }
      expect(published.size).toBe(packages.length);
    },
    STEP,
  );

  it(
    "a fresh consumer installs @subscription-apis/* from the registry only",
    async () => {
      mkdirSync(join(consumer, "src"), { recursive: true });
      writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "sapi-consumer", private: true, type: "module" }, null, 2));
      // Our scope from Verdaccio, everything else from the machine's normal registry.
      writeFileSync(join(consumer, ".npmrc"), `registry=${uplink}\n@subscription-apis:registry=${registry!.url}\n`);
      const emptyUserrc = join(tmp, "consumer-user.npmrc");
      writeFileSync(emptyUserrc, "");
      const env = cleanEnv({
        npm_config_userconfig: emptyUserrc,
        npm_config_update_notifier: "false",
        npm_config_fund: "false",
        npm_config_audit: "false",
      });
      const specs = [...published].map(([name, version]) => `${name}@${version}`);
      await timed("consumer npm install", () =>
        runOk(
          "npm",
          ["install", "--no-audit", "--no-fund", "--save-exact", ...specs, "typescript@5.9.3", "@types/node@20.19.43", "vitest@4.1.12"],
          { cwd: consumer, env },
        ),
      );
      const lock = readJson<{ packages: Record<string, { version?: string; resolved?: string }> }>(join(consumer, "package-lock.json"));
      for (const [name, version] of published) {
        const entry = lock.packages[`node_modules/${name}`];
        expect(entry?.version, name).toBe(version);
        expect(entry?.resolved, name).toMatch(new RegExp(`^${registry!.url.replace(/[.*+?^$()|[\]\\/]/g, "\\$&")}`));
      }
      const nonScoped = Object.entries(lock.packages).filter(
        ([k, v]) => k.startsWith("node_modules/") && !k.includes("@subscription-apis/") && v.resolved,
      );
      expect(nonScoped.length).toBeGreaterThan(0);
      for (const [k, v] of nonScoped) expect(v.resolved, k).not.toContain(`127.0.0.1:${registry!.port}`);
      // The published spec carries the package version (the version sync, end to end).
      for (const p of clients) {
        const doc = readJson<{ info: { version: string } }>(join(consumer, "node_modules", p.name, "dist", "openapi.json"));
        expect(doc.info.version, p.name).toBe(published.get(p.name));
      }
    },
    STEP,
  );

  it(
    "type-checks every README usage example, 'Testing your code' example and a consumer of every factory (tsc 5.9.3, strict, NodeNext)",
    async () => {
      for (const p of clients) docs[p.id] = readJson<OpenApiDoc>(join(consumer, "node_modules", p.name, "dist", "openapi.json"));
      for (const p of clients) writeFileSync(join(consumer, "src", `${p.id}.ts`), readmeExample(p));
      writeFileSync(join(consumer, "src", "smoke.ts"), smokeConsumer(descriptors));
      mkdirSync(join(consumer, "test"));
      for (const p of clients) writeFileSync(join(consumer, "test", `${p.id}.test.ts`), readmeTesting(p));
      const compilerOptions = {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        lib: ["ES2022", "DOM"],
        types: ["node"],
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: false,
      };
      writeFileSync(
        join(consumer, "tsconfig.json"),
        JSON.stringify({ compilerOptions: { ...compilerOptions, outDir: "dist", rootDir: "src" }, include: ["src"] }),
      );
      writeFileSync(
        join(consumer, "tsconfig.test.json"),
        JSON.stringify({ compilerOptions: { ...compilerOptions, noEmit: true }, include: ["test"] }),
      );
      for (const project of ["tsconfig.json", "tsconfig.test.json"]) {
        const r = await timed(`consumer tsc -p ${project}`, () =>
          run(join(consumer, "node_modules", ".bin", "tsc"), ["-p", project], { cwd: consumer, env: cleanEnv() }),
        );
        expect(`${r.stdout}${r.stderr}`.trim(), project).toBe("");
        expect(r.code, project).toBe(0);
      }
    },
    STEP,
  );

  it(
    "runs every README usage example and every factory against a local server",
    async () => {
      mock = await startMockApis(docs);
      await timed("run examples", async () => {
        for (const p of clients) {
          const h = harness(descriptorOf(p.id), `${mock!.url}/${p.id}`);
          const seen = mock!.requests.length;
          const r = await run(process.execPath, [join(consumer, "dist", `${p.id}.js`)], { cwd: consumer, env: cleanEnv(h.env) });
          const out = `${r.stdout}${r.stderr}`;
          expect(r.code, `${p.id} example exited ${r.code}:\n${out}`).toBe(0);
          expect(r.stdout.trim(), `${p.id} example output:\n${out}`).not.toBe("");
          const reqs = mock!.requests.slice(seen);
          expect(
            reqs.map((x) => x.operationId),
            p.id,
          ).toEqual([h.operationId]);
          expect(reqs[0]!.headers.authorization ?? "", p.id).toMatch(h.auth);
        }
      });
      const seen = mock.requests.length;
      const r = await run(process.execPath, [join(consumer, "dist", "smoke.js"), mock.url], { cwd: consumer, env: cleanEnv() });
      expect(r.code, `${r.stdout}${r.stderr}`).toBe(0);
      const results = JSON.parse(r.stdout.trim().split("\n").pop()!) as Record<string, { ok: boolean; status: number }>;
      // Every operation of every API, each answered by the mock with its documented success.
      const calls = descriptors.flatMap((d) => Object.keys(d.operations).map((op) => `${d.id} ${op}`));
      expect(Object.keys(results).sort()).toEqual([...calls].sort());
      for (const [call, res] of Object.entries(results)) expect(res, call).toMatchObject({ ok: true });
      expect(
        mock.requests
          .slice(seen)
          .map((x) => `${x.api} ${x.operationId}`)
          .sort(),
      ).toEqual([...calls].sort());
    },
    STEP,
  );

  it(
    "runs every README's 'Testing your code' example against the published package's ./testing mock (vitest)",
    async () => {
      const report = join(tmp, "vitest.json");
      const r = await timed("run testing examples", () =>
        run(join(consumer, "node_modules", ".bin", "vitest"), ["run", "--dir", "test", "--reporter=json", `--outputFile=${report}`], {
          cwd: consumer,
          env: cleanEnv(),
        }),
      );
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
});

/** A ```ts block of the published README: `what` names it in the error when no block passes `test`. */
function readmeBlock(p: PublicPackage, what: string, test: (block: string) => boolean): string {
  const readmeFile = join(consumer, "node_modules", p.name, "README.md");
  if (!existsSync(readmeFile)) throw new Error(`${p.name}: the published package has no README.md`);
  const block = [...readFileSync(readmeFile, "utf8").matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```$/gm)].map((m) => m[1]!).find(test);
  if (!block) throw new Error(`${p.name}: README.md has no ${what}`);
  return block;
}

/** The "Testing your code" example: the vitest block that imports the package's `/testing` entry. */
function readmeTesting(p: PublicPackage): string {
  return readmeBlock(p, `"Testing your code" example (a \`\`\`ts block importing ${p.name}/testing)`, (b) =>
    b.includes(`from "${p.name}/testing"`),
  );
}

/** The runnable usage example: the block that calls the package's client factory with process.env. */
function readmeExample(p: PublicPackage): string {
  const factory = descriptorOf(p.id).factories.client;
  return readmeBlock(
    p,
    `runnable usage example (a \`\`\`ts block calling ${factory} with process.env)`,
    (b) => b.includes(`${factory}(`) && b.includes("process.env."),
  );
}
