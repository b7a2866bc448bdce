/**
 * Where the time of a call goes: a V8 CPU profile (node:inspector) of many sequential calls, self time
 * summed by package/file and by function. Used to explain a missed per-call goal in BENCHMARKS.md.
 */
import { Session } from "node:inspector/promises";

export interface ProfileEntry {
  /** `runtime/dist/transport.js`, `openapi-fetch`, `(node internals)`, ... */
  where: string;
  /** Function name (or `(anonymous)`), for the by-function list. */
  fn?: string;
  /** Share of the profiled self time, percent. */
  percent: number;
  /** Self time per call, µs (samples × mean sampling interval ÷ calls). */
  usPerCall: number;
}

export interface ProfileResult {
  calls: number;
  samples: number;
  /** Profiled time per call (idle excluded), µs. */
  usPerCall: number;
  /** Self time per call in Node's own fetch-object constructors (Request, Response, AbortController/AbortSignal), µs. */
  fetchObjectsUsPerCall: number;
  byFile: ProfileEntry[];
  byFunction: ProfileEntry[];
}

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Group a script URL into something readable: a package (`openapi-fetch`, `@smithy/signature-v4`) or our file. */
export function classify(url: string): string {
  if (!url) return "(native / GC / idle)";
  if (url.startsWith("node:")) return "(node internals)";
  const nm = url.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "/node_modules/".length).split("/");
    const name = rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
    if (name.startsWith("@subscription-apis/")) return `${name.replace("@subscription-apis/", "")}/${rest.slice(2).join("/")}`;
    return name;
  }
  const m = /\/(packages|tools)\/([^/]+)\/(.*)$/.exec(url);
  if (m) return `${m[2]}/${m[3]}`;
  return url.replace(/^file:\/\//, "");
}

/** Node's (undici's) constructors of Request, Response, Headers and AbortController/AbortSignal, by function name. */
const FETCH_OBJECTS =
  /^(makeTransferable|createAbortSignal|_Request|Request|_Response|Response|AbortController|AbortSignal|abortSignal|initializeResponse|extractBody|fromInnerResponse|fromInnerRequest|makeRequest|makeResponse|_Headers|Headers|fill|appendHeader)$/;

export async function profileCalls(fn: () => Promise<unknown>, calls: number, top = 8): Promise<ProfileResult> {
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 100 });
    for (let i = 0; i < Math.min(200, calls); i++) await fn(); // warm-up outside the profile
    await session.post("Profiler.start");
    for (let i = 0; i < calls; i++) await fn();
    const { profile } = (await session.post("Profiler.stop")) as {
      profile: { nodes: Node[]; samples?: number[]; startTime: number; endTime: number };
    };
    const usPerSample = (profile.endTime - profile.startTime) / Math.max(1, profile.samples?.length ?? 0);
    const hits = new Map<number, number>();
    for (const id of profile.samples ?? []) hits.set(id, (hits.get(id) ?? 0) + 1);
    const byFile = new Map<string, number>();
    const byFn = new Map<string, { where: string; fn: string; n: number }>();
    let total = 0;
    let fetchObjects = 0;
    for (const node of profile.nodes) {
      const n = hits.get(node.id) ?? node.hitCount ?? 0;
      if (!n) continue;
      const name = node.callFrame.functionName || "(anonymous)";
      if (name === "(idle)" || name === "(program)") continue;
      const where = name === "(garbage collector)" ? "(garbage collector)" : classify(node.callFrame.url);
      total += n;
      if (where === "(node internals)" && FETCH_OBJECTS.test(name)) fetchObjects += n;
      byFile.set(where, (byFile.get(where) ?? 0) + n);
      const key = `${where}\0${name}`;
      const cur = byFn.get(key) ?? { where, fn: name, n: 0 };
      cur.n += n;
      byFn.set(key, cur);
    }
    const pct = (n: number) => Math.round((n / Math.max(1, total)) * 1000) / 10;
    const us = (n: number) => Math.round(((n * usPerSample) / calls) * 100) / 100;
    return {
      calls,
      samples: total,
      usPerCall: us(total),
      fetchObjectsUsPerCall: us(fetchObjects),
      byFile: [...byFile.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([where, n]) => ({ where, percent: pct(n), usPerCall: us(n) })),
      byFunction: [...byFn.values()]
        .sort((a, b) => b.n - a.n)
        .slice(0, top)
        .map((e) => ({ where: e.where, fn: e.fn, percent: pct(e.n), usPerCall: us(e.n) })),
    };
  } finally {
    await session.post("Profiler.disable").catch(() => undefined);
    session.disconnect();
  }
}

export function formatProfile(title: string, p: ProfileResult): string {
  const files = p.byFile.map((e) => `${e.where} ${e.usPerCall.toFixed(1)} µs (${e.percent}%)`).join(", ");
  const fns = p.byFunction.map((e) => `\`${e.fn}\` (${e.where}) ${e.usPerCall.toFixed(1)} µs`).join(", ");
  return `${title}: ${p.usPerCall.toFixed(1)} µs of CPU per call (V8 CPU profile of ${p.calls.toLocaleString("en-US")} sequential calls); by file: ${files}; top functions: ${fns}.`;
}

/** Where `a` spends more per call than `b`: files with the largest positive difference of self time, µs per call. */
export function compareProfiles(a: ProfileResult, b: ProfileResult, top = 5): { where: string; a: number; b: number; delta: number }[] {
  const wheres = new Set([...a.byFile.map((e) => e.where), ...b.byFile.map((e) => e.where)]);
  const get = (p: ProfileResult, w: string) => p.byFile.find((e) => e.where === w)?.usPerCall ?? 0;
  return [...wheres]
    .map((w) => ({ where: w, a: get(a, w), b: get(b, w), delta: Math.round((get(a, w) - get(b, w)) * 10) / 10 }))
    .filter((x) => x.delta > 0)
    .sort((x, y) => y.delta - x.delta)
    .slice(0, top);
}

export function formatComparison(aName: string, bName: string, a: ProfileResult, b: ProfileResult): string {
  const rows = compareProfiles(a, b)
    .map((x) => `${x.where} +${x.delta.toFixed(1)} µs (${x.a.toFixed(1)} vs ${x.b.toFixed(1)})`)
    .join(", ");
  return (
    `CPU per call under the profiler (which inflates absolute times; compare the two): ${aName} ${a.usPerCall.toFixed(1)} µs, ${bName} ${b.usPerCall.toFixed(1)} µs. ` +
    `Where ${aName} spends more: ${rows}. Node's own Request/Response/Headers/AbortSignal constructors: ${aName} ${a.fetchObjectsUsPerCall.toFixed(1)} µs, ${bName} ${b.fetchObjectsUsPerCall.toFixed(1)} µs per call.`
  );
}
