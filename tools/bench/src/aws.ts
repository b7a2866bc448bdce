/**
 * 2. AWS: the Q Business client's cancel operation vs `@aws-sdk/client-qbusiness` `CancelSubscriptionCommand`, both
 * signing SigV4 with the same static credentials (the descriptor's fake keys), in interleaved tinybench rounds:
 *   a) with a transport that returns the same canned 200 without network (our `fetch` option; the SDK's `requestHandler`);
 *   b) against a keep-alive node:http server on 127.0.0.1 in a worker thread, a fixed number of sequential calls per round.
 */
import { Agent } from "node:http";
import { Readable } from "node:stream";
import { Worker } from "node:worker_threads";
import { CancelSubscriptionCommand, QBusinessClient } from "@aws-sdk/client-qbusiness";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { HttpResponse } from "@smithy/protocol-http";
import type { DescriptorAuth } from "@subscription-apis/runtime/internal";
import { compare, fmtInt, fmtRatio, type Row, type SectionResult, showOps, showRatio, type TaskStats } from "./common.js";
import { CANNED_HEADERS, descriptorOf, documented, stubFetch } from "./fixtures.js";

export const AWS_PRESETS = {
  full: { rounds: 3, timeMs: 700, warmupMs: 200, httpRounds: 10, httpCalls: 1000 },
  quick: { rounds: 2, timeMs: 200, warmupMs: 50, httpRounds: 4, httpCalls: 250 },
  tiny: { rounds: 1, timeMs: 20, warmupMs: 5, httpRounds: 2, httpCalls: 10 },
};
export type AwsOptions = (typeof AWS_PRESETS)["full"];

type Side = Record<"ours" | "sdk", TaskStats>;
type Ratio = { median: number; min: number; max: number };
export interface AwsRaw {
  options: AwsOptions;
  sdkVersion: string;
  /** Calls/s ratios are ours ÷ the SDK's. */
  stub: { stats: Side; ratio: Ratio };
  http: { calls: number; stats: Side; ratio: Ratio };
  /** The Authorization header each side sent on its first call (signature redacted), proving both sign. */
  authorization: { ours: string; sdk: string };
}

// The SDK warns (once, on stderr) that its releases after January 2027 need Node 22; irrelevant to a measurement.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const ID = "aws-qbusiness";
const redact = (h: string | undefined) => (h ?? "(none)").replace(/Signature=[0-9a-f]+/, "Signature=…");

/** Our client and the SDK's, answering from memory (no `baseUrl`) or calling `baseUrl`; `seen` gets each first Authorization. */
export function qbusinessPair(seen: { ours?: string; sdk?: string }, baseUrl?: string) {
  const desc = descriptorOf(ID);
  const doc = documented(ID);
  const { region, accessKeyId, secretAccessKey } = desc.auth as Extract<DescriptorAuth, { kind: "sigv4" }>;
  const { baseUrl: _, ...fake } = desc.fakeOptions("") as Record<string, unknown>;
  const record = (req: Request) => (seen.ours ??= req.headers.get("authorization") ?? undefined);
  const ours = desc.createClient({ ...fake, ...(baseUrl ? { baseUrl } : { fetch: stubFetch(doc, record) }) });
  const headers = { ...CANNED_HEADERS, "content-length": String(Buffer.byteLength(doc.successBody)) };
  const canned = {
    handle: (request: { headers: Record<string, string> }) => {
      seen.sdk ??= request.headers.authorization;
      const body = Readable.from([Buffer.from(doc.successBody)]);
      return Promise.resolve({ response: new HttpResponse({ statusCode: doc.status, headers: { ...headers }, body }) });
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
  // The Q Business SDK defaults to HTTP/2; against the HTTP/1.1 server it gets its HTTP/1.1 handler with a keep-alive agent.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const sdk = new QBusinessClient({
    region,
    credentials: { accessKeyId, secretAccessKey },
    ...(baseUrl ? { endpoint: baseUrl, requestHandler: new NodeHttpHandler({ httpAgent: agent }) } : { requestHandler: canned as never }),
  });
  const input = doc.params.path as { applicationId: string; subscriptionId: string };
  return {
    ours: async () => {
      const r = await ours[doc.operationId](doc.input);
      if (r.error || JSON.stringify(r.data) !== doc.successBody) throw new Error(`our ${doc.operationId} failed: ${r.error?.message}`);
    },
    sdk: async () => {
      const r = await sdk.send(new CancelSubscriptionCommand(input));
      if (r.$metadata.httpStatusCode !== doc.status) throw new Error(`the SDK's call returned ${r.$metadata.httpStatusCode}`);
    },
    destroy: () => {
      sdk.destroy();
      agent.destroy();
    },
  };
}

/** A keep-alive HTTP/1.1 server answering every request with the canned 200, in a worker thread (its own event loop). */
export async function startCannedServer(): Promise<{ url: string; close: () => Promise<number> }> {
  const doc = documented(ID);
  const workerData = { status: doc.status, headers: { ...CANNED_HEADERS, "content-length": String(Buffer.byteLength(doc.successBody)) } };
  const worker = new Worker(
    `const { createServer } = require("node:http");
    const { parentPort, workerData: w } = require("node:worker_threads");
    const server = createServer({ keepAliveTimeout: 30000 }, (req, res) => req.resume().on("end", () => res.writeHead(w.status, w.headers).end(w.body)));
    server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));`,
    { eval: true, workerData: { ...workerData, body: doc.successBody } },
  );
  const port = await new Promise<number>((resolve, reject) => worker.once("message", resolve).once("error", reject));
  return { url: `http://127.0.0.1:${port}`, close: () => worker.terminate() };
}

export async function runAws(o: AwsOptions, sdkVersion: string): Promise<SectionResult<AwsRaw>> {
  const seen: { ours?: string; sdk?: string } = {};
  const stubbed = qbusinessPair(seen);
  const s = await compare({ ours: stubbed.ours, sdk: stubbed.sdk }, o);
  stubbed.destroy();
  const server = await startCannedServer();
  const live = qbusinessPair({}, server.url);
  const h = await compare(
    { ours: live.ours, sdk: live.sdk },
    { rounds: o.httpRounds, timeMs: 0, warmupMs: o.warmupMs, iterations: o.httpCalls },
  ).finally(() => {
    live.destroy();
    return server.close();
  });
  const calls = o.httpRounds * o.httpCalls;
  const raw: AwsRaw = {
    options: o,
    sdkVersion,
    stub: { stats: s.stats, ratio: s.ratio("sdk", "ours") },
    http: { calls, stats: h.stats, ratio: h.ratio("sdk", "ours") },
    authorization: { ours: redact(seen.ours), sdk: redact(seen.sdk) },
  };
  const sdkName = `@aws-sdk/client-qbusiness ${sdkVersion} \`CancelSubscriptionCommand\``;
  const base = { section: "aws" } as const;
  const rows: Row[] = [
    {
      ...base,
      figure: "Q Business `cancelSubscription`, SigV4-signed, canned 200 without network: calls/s",
      ours: showOps(s.stats.ours),
      alternative: `${sdkName}: ${showOps(s.stats.sdk)}`,
      ratio: showRatio(raw.stub.ratio),
      ratioValue: raw.stub.ratio.median,
      goal: "≥ 4×",
      met: raw.stub.ratio.median >= 4,
      how: `tinybench, ${o.rounds} round(s) × ${o.timeMs} ms per side; same static credentials; ours: \`fetch\` option returning a fresh \`Response\`; SDK: \`requestHandler.handle()\` returning an \`HttpResponse\` (@smithy/protocol-http) with a \`Readable\` body; ratio = median of per-round calls/s ratios [min–max]`,
    },
    {
      ...base,
      figure: `Q Business \`cancelSubscription\` against a keep-alive node:http server on 127.0.0.1 (worker thread): ${fmtInt(calls)} sequential calls`,
      ours: showOps(h.stats.ours),
      alternative: `${sdkName}: ${showOps(h.stats.sdk)}`,
      ratio: showRatio(raw.http.ratio),
      ratioValue: raw.http.ratio.median,
      goal: "— (context)",
      met: null,
      how: `ours: global fetch (undici, HTTP/1.1 keep-alive); SDK: @smithy/node-http-handler \`NodeHttpHandler\` with a keep-alive \`http.Agent\` (the client's default is HTTP/2, which this server does not speak); tinybench, ${o.httpRounds} alternating rounds of ${fmtInt(o.httpCalls)} calls per side after ${o.warmupMs} ms warm-up`,
    },
  ];
  const notes = [
    `Both sides really sign: the first request of each carried \`${raw.authorization.ours}\` (ours) and \`${raw.authorization.sdk}\` (SDK).`,
  ];
  if (!rows[0]!.met) notes.push(`**AWS per-call goal (≥ 4× the SDK's calls/s) missed**: ours is ${fmtRatio(raw.stub.ratio.median)}.`);
  return { raw, rows, notes };
}
