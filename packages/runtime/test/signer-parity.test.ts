/**
 * The `#signer` conditional import gives Node the shared signer on node:crypto and browsers the same signer on
 * WebCrypto. Both must sign every request exactly as @smithy/signature-v4 (the AWS SDK's signer, driven here
 * directly, as the runtime used it before) does: same signed headers, same signature.
 */
import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import { createSigner as browserSigner } from "../dist/signer.browser.js";
import { createSigner as nodeSigner } from "../dist/signer.node.js";
import type { SignerOptions, SignFn } from "../dist/signer.js";
import { TestSha256 } from "./sigv4-helpers.js";

/** The reference: @smithy/signature-v4 with `applyChecksum` and `uriEscapePath`, as the SDK signs restJson1 calls. */
function smithySigner(opts: SignerOptions): SignFn {
  const signer = new SignatureV4({ service: opts.service, region: opts.region, sha256: TestSha256, credentials: opts.credentials, applyChecksum: true, uriEscapePath: true });
  return async (req, date) => {
    const headers: Record<string, string> = { host: req.url.host };
    req.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of req.url.searchParams) {
      const prev = query[k];
      query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    const signed = await signer.sign(
      { method: req.method, protocol: req.url.protocol, hostname: req.url.hostname, port: req.url.port ? Number(req.url.port) : undefined, path: req.url.pathname, query, headers, body: req.body },
      { signingDate: date },
    );
    for (const [k, v] of Object.entries(signed.headers)) if (k !== "host") req.headers.set(k, v);
  };
}

const date = new Date("2026-11-22T03:04:05Z");
const creds = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const cases: [string, string, string, string | undefined, Record<string, string>, typeof creds & { sessionToken?: string }][] = [
  ["DELETE with encoded labels", "DELETE", "https://qbusiness.us-east-1.api.aws/applications/a1/subscriptions/a%2Fb%20c", undefined, {}, creds],
  ["PUT, no body", "PUT", "https://security-ir.eu-west-1.api.aws/v1/membership/m-abcd1234efgh", undefined, {}, creds],
  ["POST with JSON body and query", "POST", "https://example.us-east-1.api.aws/things?b=2&a=1&a=0&sp=x%20y", '{"name":"box"}', { "content-type": "application/json" }, creds],
  ["session token", "GET", "https://example.us-east-1.api.aws/things/%C3%A9", undefined, {}, { ...creds, sessionToken: "FQoGZXIvYXdzEXAMPLETOKEN" }],
  // The browser signer is a hand-written canonicalization (no aws4fetch): the SDK's edge cases, one by one.
  ["dot, empty and trailing segments; RFC 3986 reserved characters", "GET", "https://example.us-east-1.api.aws/a//b/./c/../d%21'()*/e%2A/", undefined, {}, creds],
  ["repeated, unsorted, encoded and empty query keys", "GET", "https://example.us-east-1.api.aws/q?z=1&b=%C3%A9&b=a&a%20b=c*d&empty=&X-Amz-Signature=no&k=!'()", undefined, {}, creds],
  [
    "headers: folded whitespace, unsignable ones, a preset payload hash, a Date",
    "POST",
    "https://example.us-east-1.api.aws/things:batch",
    '{"a":"é"}',
    { "x-custom": "  a \t  b  ", "user-agent": "ua/1", "cache-control": "no-cache", "proxy-x": "1", "sec-x": "2", date: "Sun, 22 Nov 2026 03:04:05 GMT", "x-amz-content-sha256": "UNSIGNED-PAYLOAD", "content-type": "application/json" },
    creds,
  ],
  ["an explicit port, no path", "DELETE", "https://localhost:8443", undefined, {}, creds],
];

describe("Node (node:crypto) and browser (WebCrypto) signers sign as @smithy/signature-v4", () => {
  it.each(cases)("%s", async (_name, method, url, body, extra, credentials) => {
    const signed = await Promise.all(
      [smithySigner, nodeSigner, browserSigner].map(async (create) => {
        const headers = new Headers(extra);
        const sign = create({ service: "qbusiness", region: "us-east-1", credentials: async () => credentials });
        await sign({ url: new URL(url), method, headers, body }, date);
        return Object.fromEntries(headers);
      }),
    );
    const [node, ours, browser] = signed as [Record<string, string>, Record<string, string>, Record<string, string>];
    expect(ours).toEqual(node);
    expect(node.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20261122\/us-east-1\/qbusiness\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/);
    expect(browser).toEqual(node);
    expect(node["x-amz-date"]).toBe("20261122T030405Z");
    if (credentials.sessionToken) expect(node["x-amz-security-token"]).toBe(credentials.sessionToken);
  });
});

it("both signers sign again with a fresh date and other credentials (no stale cached key)", async () => {
  const other = { accessKeyId: "AKIDOTHER", secretAccessKey: "otherSecretKeyOtherSecretKeyOtherSecret" };
  let current: typeof creds = creds;
  const node = smithySigner({ service: "qbusiness", region: "eu-west-1", credentials: async () => current });
  const ours = nodeSigner({ service: "qbusiness", region: "eu-west-1", credentials: async () => current });
  const browser = browserSigner({ service: "qbusiness", region: "eu-west-1", credentials: async () => current });
  for (const [when, who] of [[date, creds], [new Date("2026-11-23T00:00:01Z"), creds], [new Date("2026-11-23T00:00:02Z"), other]] as const) {
    current = who;
    const [a, b, c] = [new Headers(), new Headers(), new Headers()];
    await node({ url: new URL("https://qbusiness.eu-west-1.api.aws/x"), method: "GET", headers: a, body: undefined }, when);
    await ours({ url: new URL("https://qbusiness.eu-west-1.api.aws/x"), method: "GET", headers: b, body: undefined }, when);
    await browser({ url: new URL("https://qbusiness.eu-west-1.api.aws/x"), method: "GET", headers: c, body: undefined }, when);
    expect(Object.fromEntries(b)).toEqual(Object.fromEntries(a));
    expect(Object.fromEntries(c)).toEqual(Object.fromEntries(a));
  }
});

it("concurrent requests with different credentials each get their own signing key", async () => {
  const a = { accessKeyId: "AKIDA", secretAccessKey: "secretA-secretA-secretA-secretA" };
  const b = { accessKeyId: "AKIDB", secretAccessKey: "secretB-secretB-secretB-secretB" };
  let n = 0;
  const provider = async () => (n++ % 2 === 0 ? a : b);
  for (const create of [nodeSigner, browserSigner]) {
    n = 0;
    const sign = create({ service: "qbusiness", region: "us-east-1", credentials: provider });
    const heads = [new Headers(), new Headers(), new Headers(), new Headers()];
    await Promise.all(heads.map((headers) => sign({ url: new URL("https://qbusiness.us-east-1.api.aws/x"), method: "GET", headers, body: undefined }, date)));
    for (const [i, h] of heads.entries()) {
      const expected = new Headers();
      await smithySigner({ service: "qbusiness", region: "us-east-1", credentials: async () => (i % 2 === 0 ? a : b) })({ url: new URL("https://qbusiness.us-east-1.api.aws/x"), method: "GET", headers: expected, body: undefined }, date);
      expect(Object.fromEntries(h)).toEqual(Object.fromEntries(expected));
    }
  }
});
