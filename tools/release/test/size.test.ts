/** The size check: a generated one-operation consumer per API package; a package without a budget gets its peers'. */
import { expect, it } from "vitest";
import { checkSizes, formatSizes, sizeEntries } from "../src/size.js";
import { findRoot, publicPackages } from "../src/workspace.js";

const root = findRoot(new URL(".", import.meta.url).pathname);

it("measures every publishable package; an API without a budget entry gets its target (10 kB AWS protocol, 5 kB else) or its peers' budget", async () => {
  const entries = await sizeEntries(root, { packages: {} as never }).catch((e: Error) => e);
  // The runtime has no spec: without its entry there is nothing to measure, and the error says so.
  expect(String(entries)).toMatch(/@subscription-apis\/runtime: no consumer and budget in .*size-budgets\.json/);
  const all = await sizeEntries(root, { packages: { "@subscription-apis/runtime": { consumer: "size/runtime.ts", budget: 1 } } });
  expect(all.map((e) => e.name)).toEqual((await publicPackages(root)).map((p) => p.name));
  for (const e of all.filter((x) => x.name !== "@subscription-apis/runtime")) {
    expect(e.budget, e.name).toBe(e.target);
    expect([5_000, 10_000], e.name).toContain(e.target);
    expect("source" in e.consumer && e.consumer.source, e.name).toMatch(/^import \{ create\w+Core, \w+ \} from "@subscription-apis\//);
  }
  // A new API (no entry) gets the largest budget listed for its target, never less than the target.
  const some = await sizeEntries(root, {
    packages: {
      "@subscription-apis/runtime": { consumer: "size/runtime.ts", budget: 1 },
      "@subscription-apis/mayar": { budget: 7_100, target: 5_000 },
      "@subscription-apis/cloudcockpit": { budget: 4_000, target: 5_000 },
    },
  });
  expect(some.find((e) => e.name === "@subscription-apis/fusebill")?.budget).toBe(7_100);
  expect(some.find((e) => e.name === "@subscription-apis/aws-qbusiness")?.budget).toBe(10_000);
});

it("fails a package whose bundle is over its budget, and names the largest inputs", async () => {
  const [entry] = (await sizeEntries(root)).filter((e) => e.name !== "@subscription-apis/runtime");
  const [ok] = await checkSizes([{ ...entry!, budget: 1_000_000 }]);
  expect(ok).toMatchObject({ ok: true });
  expect(ok!.gzip).toBeGreaterThan(1000);
  expect(ok!.minified).toBeGreaterThan(ok!.gzip);
  const [over] = await checkSizes([{ ...entry!, budget: ok!.gzip - 1 }]);
  expect(over).toMatchObject({ ok: false, gzip: ok!.gzip });
  const report = formatSizes([over!]);
  expect(report).toContain("**OVER BUDGET**");
  expect(report).toMatch(/packages\/runtime\/dist\/\w+\.js/);
}, 60_000);
