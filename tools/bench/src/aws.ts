/**
 * 2. AWS: `cancelSubscription` through our Q Business client vs `@aws-sdk/client-qbusiness`
 * `CancelSubscriptionCommand`, both signing SigV4 with the same static credentials:
 *   a) with a transport that returns the same canned 200 without network (our `fetch` option; the SDK's
 *      `requestHandler`), measured with tinybench in interleaved rounds;
 *   b) against a real keep-alive node:http server on 127.0.0.1 (in a worker thread), N sequential calls each,
 *      in alternating chunks.
 */
import { Agent } from "node:http";
import { Worker } from "node:worker_threads";
import { Readable } from "node:stream";
import { CancelSubscriptionCommand, QBusinessClient } from "@aws-sdk/client-qbusiness";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { HttpResponse, type HttpRequest } from "@smithy/protocol-http";
import { createAwsQBusinessClient } from "@subscription-apis/aws-qbusiness";
import {
  acrossRounds,
  benchRounds,
  fmtInt,
  fmtRatio,
  fmtUs,
  percentile,
  spread,
  type Row,
  type SectionResult,
  type TaskStats,
} from "./common.js";
import { AWS_CREDENTIALS, AWS_REGION, documented } from "./fixtures.js";
import { formatComparison, formatProfile, profileCalls, type ProfileResult } from "./profile.js";

export interface AwsOptions {
  rounds: number;
  timeMs: number;
  warmupMs: number;
  /** Sequential calls per client against the local keep-alive server. */
  httpCalls: number;
  /** Calls per alternating chunk (ours, SDK, ours, ...). */
  httpChunk: number;
  /** Calls in the CPU profiles taken when the goal is missed (0: none). */
  profileCalls: number;
}

export const AWS_PRESETS = {
  full: { rounds: 3, timeMs: 700, warmupMs: 200, httpCalls: 10_000, httpChunk: 1000, profileCalls: 10_000 },
  quick: { rounds: 2, timeMs: 200, warmupMs: 50, httpCalls: 1000, httpChunk: 250, profileCalls: 2000 },
  tiny: { rounds: 1, timeMs: 20, warmupMs: 5, httpCalls: 20, httpChunk: 10, profileCalls: 50 },
} satisfies Record<string, AwsOptions>;

type Side = Pick<TaskStats, "opsMedian" | "rme" | "p99">;

export interface AwsRaw {
  options: AwsOptions;
  sdkVersion: string;
  stub: { rounds: { ours: Side; sdk: Side }[]; ours: Side; sdk: Side; ratio: { median: number; min: number; max: number } };
  http: {
    calls: number;
    ours: { callsPerSecond: number; p50Ms: number; p99Ms: number; connections: number };
    sdk: { callsPerSecond: number; p50Ms: number; p99Ms: number; connections: number };
    ratio: number;
  };
  /** The Authorization header each side sent on its first call (signature redacted), proving both sign. */
  authorization: { ours: string; sdk: string };
  profile?: { ours: ProfileResult; sdk: ProfileResult };
}

// The SDK warns (once, on stderr) that its releases after January 2027 need Node 22; irrelevant to a measurement.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const REQUEST_ID = "c0ffee00-0000-4000-8000-000000000000";

function cannedHeaders(body: string): Record<string, string> {
  return { "content-type": "application/json", "x-amzn-requestid": REQUEST_ID, "content-length": String(Buffer.byteLength(body)) };
}

const redactSig = (h: string | undefined) => (h ?? "(none)").replace(/Signature=[0-9a-f]+/, "Signature=…");

/** Our client and the SDK's, both answering from memory; `seen` captures the first Authorization header of each. */
export function stubbedClients(seen: { ours?: string; sdk?: string } = {}) {
  const d = documented("aws-qbusiness");
  const body = d.successBody;
  const headers = cannedHeaders(body);
  const ours = createAwsQBusinessClient({
    region: AWS_REGION,
    credentials: AWS_CREDENTIALS,
    fetch: (req: Request) => {
      seen.ours ??= req.headers.get("authorization") ?? undefined;
      return Promise.resolve(new Response(body, { status: d.status, headers }));
    },
  });
  const requestHandler = {
    handle(request: HttpRequest) {
      seen.sdk ??= request.headers.authorization ?? request.headers.Authorization;
      return Promise.resolve({
        response: new HttpResponse({ statusCode: d.status, headers: { ...headers }, body: Readable.from([Buffer.from(body)]) }),
      });
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  };
  const sdk = new QBusinessClient({ region: AWS_REGION, credentials: AWS_CREDENTIALS, requestHandler: requestHandler as never });
  const input = { applicationId: String(d.params.path.applicationId), subscriptionId: String(d.params.path.subscriptionId) };
  return {
    input,
    expected: d.successJson as Record<string, unknown>,
    callOurs: () => ours.cancelSubscription(input),
    callSdk: () => sdk.send(new CancelSubscriptionCommand(input)),
    destroy: () => sdk.destroy(),
  };
}

async function verifyBoth(c: ReturnType<typeof stubbedClients>) {
  const ours = await c.callOurs();
  if (ours.error) throw new Error(`our cancelSubscription failed: ${ours.error.message}`);
  if (JSON.stringify(ours.data) !== JSON.stringify(c.expected))
    throw new Error("our cancelSubscription did not return the documented body");
  const sdk = await c.callSdk();
  if (sdk.$metadata.httpStatusCode !== 200 || sdk.subscriptionArn !== c.expected.subscriptionArn)
    throw new Error("the SDK's CancelSubscriptionCommand did not return the canned body");
}

async function stubBench(o: AwsOptions, seen: { ours?: string; sdk?: string }): Promise<AwsRaw["stub"]> {
  const c = stubbedClients(seen);
  await verifyBoth(c);
  const rounds = await benchRounds({ ours: c.callOurs, sdk: c.callSdk }, o);
  c.destroy();
  const agg = (k: "ours" | "sdk"): Side => acrossRounds(rounds, k);
  return { rounds, ours: agg("ours"), sdk: agg("sdk"), ratio: spread(rounds.map((x) => x.ours.opsMedian / x.sdk.opsMedian)) };
}

/**
 * A keep-alive HTTP/1.1 server answering every request with the canned CancelSubscription 200. It runs in a
 * worker thread, so its work does not share the event loop with the clients being measured.
 */
export async function startCannedServer() {
  const d = documented("aws-qbusiness");
  const headers = cannedHeaders(d.successBody);
  const worker = new Worker(
    `
    const { createServer } = require("node:http");
    const { parentPort, workerData } = require("node:worker_threads");
    let connections = 0;
    const server = createServer({ keepAliveTimeout: 30000 }, (req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(workerData.status, workerData.headers).end(workerData.body));
    });
    server.on("connection", () => connections++);
    parentPort.on("message", (m) => {
      if (m === "connections") parentPort.postMessage({ connections });
      if (m === "close") { server.closeAllConnections(); server.close(() => parentPort.postMessage({ closed: true })); }
    });
    server.listen(0, "127.0.0.1", () => parentPort.postMessage({ port: server.address().port }));
    `,
    { eval: true, workerData: { status: d.status, headers, body: d.successBody } },
  );
  const next = <T>(key: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: Record<string, unknown>) => {
        if (key in m) {
          worker.off("message", onMessage);
          worker.off("error", reject);
          resolve(m[key] as T);
        }
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
    });
  const port = await next<number>("port");
  return {
    url: `http://127.0.0.1:${port}`,
    connections: async () => {
      const p = next<number>("connections");
      worker.postMessage("connections");
      return p;
    },
    close: async () => {
      const p = next<boolean>("closed");
      worker.postMessage("close");
      await p;
      await worker.terminate();
    },
  };
}

async function httpBench(o: AwsOptions): Promise<AwsRaw["http"]> {
  const srv = await startCannedServer();
  const d = documented("aws-qbusiness");
  const input = { applicationId: String(d.params.path.applicationId), subscriptionId: String(d.params.path.subscriptionId) };
  try {
    // Each client gets its own server-side connection count (the server is shared, calls are sequential).
    const ours = createAwsQBusinessClient({ region: AWS_REGION, credentials: AWS_CREDENTIALS, baseUrl: srv.url });
    // The Q Business SDK client defaults to HTTP/2 (NodeHttp2Handler); against this HTTP/1.1 server it gets the
    // SDK's own HTTP/1.1 handler with a keep-alive agent, so both sides use one reused HTTP/1.1 connection.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sdk = new QBusinessClient({
      region: AWS_REGION,
      credentials: AWS_CREDENTIALS,
      endpoint: srv.url,
      requestHandler: new NodeHttpHandler({ httpAgent: agent }),
    });
    const conn = { ours: 0, sdk: 0 };
    const lat = { ours: [] as number[], sdk: [] as number[] };
    const total = { ours: 0, sdk: 0 };
    const one = {
      ours: async () => {
        const r = await ours.cancelSubscription(input);
        if (r.error) throw new Error(`our call failed: ${r.error.message}`);
      },
      sdk: async () => {
        await sdk.send(new CancelSubscriptionCommand(input));
      },
    };
    const chunk = async (who: "ours" | "sdk", n: number, record: boolean) => {
      const before = await srv.connections();
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const s = performance.now();
        await one[who]();
        if (record) lat[who].push(performance.now() - s);
      }
      if (record) total[who] += performance.now() - t0;
      conn[who] += (await srv.connections()) - before;
    };
    // Warm-up (JIT, the first connection) is not counted; connections opened during it are.
    await chunk("ours", Math.min(200, o.httpCalls), false);
    await chunk("sdk", Math.min(200, o.httpCalls), false);
    for (let done = 0, k = 0; done < o.httpCalls; k++) {
      const n = Math.min(o.httpChunk, o.httpCalls - done);
      const order: ("ours" | "sdk")[] = k % 2 ? ["sdk", "ours"] : ["ours", "sdk"];
      for (const who of order) await chunk(who, n, true);
      done += n;
    }
    sdk.destroy();
    agent.destroy();
    const summarize = (who: "ours" | "sdk") => {
      const s = [...lat[who]].sort((a, b) => a - b);
      return {
        callsPerSecond: (o.httpCalls / total[who]) * 1000,
        p50Ms: percentile(s, 50),
        p99Ms: percentile(s, 99),
        connections: conn[who],
      };
    };
    const res = { calls: o.httpCalls, ours: summarize("ours"), sdk: summarize("sdk"), ratio: 0 };
    res.ratio = res.ours.callsPerSecond / res.sdk.callsPerSecond;
    return res;
  } finally {
    await srv.close();
  }
}

export async function runAws(o: AwsOptions, sdkVersion: string): Promise<SectionResult<AwsRaw>> {
  const seen: { ours?: string; sdk?: string } = {};
  const stub = await stubBench(o, seen);
  const http = await httpBench(o);
  const raw: AwsRaw = { options: o, sdkVersion, stub, http, authorization: { ours: redactSig(seen.ours), sdk: redactSig(seen.sdk) } };
  const sdkName = `@aws-sdk/client-qbusiness ${sdkVersion} \`CancelSubscriptionCommand\``;
  const rows: Row[] = [
    {
      section: "aws",
      figure: "Q Business `cancelSubscription`, SigV4-signed, canned 200 without network: calls/s",
      ours: `${fmtInt(stub.ours.opsMedian)} calls/s (±${stub.ours.rme.toFixed(1)}%, p99 ${fmtUs(stub.ours.p99)})`,
      alternative: `${sdkName}: ${fmtInt(stub.sdk.opsMedian)} calls/s (±${stub.sdk.rme.toFixed(1)}%, p99 ${fmtUs(stub.sdk.p99)})`,
      ratio: `${fmtRatio(stub.ratio.median)} [${fmtRatio(stub.ratio.min)}–${fmtRatio(stub.ratio.max)}]`,
      ratioValue: stub.ratio.median,
      goal: "≥ 4×",
      met: stub.ratio.median >= 4,
      how: `tinybench, ${o.rounds} round(s) × ${o.timeMs} ms per side; same static credentials; ours: \`fetch\` option returning a fresh \`Response\`; SDK: \`requestHandler.handle()\` returning an \`HttpResponse\` (@smithy/protocol-http) with a \`Readable\` body; ratio = median of per-round calls/s ratios [min–max]`,
    },
    {
      section: "aws",
      figure: `Q Business \`cancelSubscription\` against a keep-alive node:http server on 127.0.0.1 (worker thread): ${fmtInt(http.calls)} sequential calls`,
      ours: `${fmtInt(http.ours.callsPerSecond)} calls/s (p50 ${http.ours.p50Ms.toFixed(3)} ms, p99 ${http.ours.p99Ms.toFixed(3)} ms; ${http.ours.connections} connection(s))`,
      alternative: `${sdkName}: ${fmtInt(http.sdk.callsPerSecond)} calls/s (p50 ${http.sdk.p50Ms.toFixed(3)} ms, p99 ${http.sdk.p99Ms.toFixed(3)} ms; ${http.sdk.connections} connection(s))`,
      ratio: fmtRatio(http.ratio),
      ratioValue: http.ratio,
      goal: "— (context)",
      met: null,
      how: `ours: global fetch (undici, HTTP/1.1 keep-alive); SDK: @smithy/node-http-handler \`NodeHttpHandler\` with a keep-alive \`http.Agent\` (the client's default is HTTP/2, which this HTTP/1.1 server does not speak); 200 warm-up calls each, then alternating chunks of ${fmtInt(o.httpChunk)}; calls/s = calls ÷ summed chunk time`,
    },
  ];
  const notes: string[] = [
    `Both sides really sign: the first request of each carried \`${raw.authorization.ours}\` (ours) and \`${raw.authorization.sdk}\` (SDK).`,
  ];
  if (stub.ratio.median < 3) {
    let why = "";
    if (o.profileCalls > 0) {
      const c = stubbedClients();
      raw.profile = { ours: await profileCalls(c.callOurs, o.profileCalls), sdk: await profileCalls(c.callSdk, o.profileCalls) };
      c.destroy();
      const p = raw.profile.ours;
      const top = p.byFile
        .slice(0, 4)
        .map((e) => `${e.where} ${e.percent}%`)
        .join(", ");
      why =
        ` Where our time goes: ${top}; Node's Request/Response/Headers/AbortSignal constructors alone are ` +
        `${p.fetchObjectsUsPerCall.toFixed(1)} of ${p.usPerCall.toFixed(1)} profiled µs per call, SigV4 (@smithy/signature-v4) ` +
        `${(p.byFile.find((e) => e.where === "@smithy/signature-v4")?.usPerCall ?? 0).toFixed(1)} µs.` +
        ` ${formatComparison("the SDK", "ours", raw.profile.sdk, raw.profile.ours)}` +
        ` ${formatProfile("Profile of ours", raw.profile.ours)} ${formatProfile("Profile of the SDK", raw.profile.sdk)}`;
    }
    notes.push(`**AWS per-call goal (≥ 4× the SDK's calls/s) missed**: ours is ${fmtRatio(stub.ratio.median)}.${why}`);
  }
  return { raw, rows, notes };
}
