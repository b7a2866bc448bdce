/**
 * The `#signer` conditional import gives Node @smithy/signature-v4 and browsers a WebCrypto signer (signer.browser.ts). Both must sign the
 * same request identically (same signed headers, same signature), or a browser bundle would authenticate
 * differently from what the Node test suite proves.
 */
import { describe, expect, it } from "vitest";
import { createSigner as browserSigner } from "../dist/signer.browser.js";
import { createSigner as nodeSigner } from "../dist/signer.node.js";

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

describe("Node (smithy) and browser (WebCrypto) signers agree", () => {
  it.each(cases)("%s", async (_name, method, url, body, extra, credentials) => {
    const signed = await Promise.all(
      [nodeSigner, browserSigner].map(async (create) => {
        const headers = new Headers(extra);
        const sign = create({ service: "qbusiness", region: "us-east-1", credentials: async () => credentials });
        await sign({ url: new URL(url), method, headers, body }, date);
        return Object.fromEntries(headers);
      }),
    );
    const [node, browser] = signed as [Record<string, string>, Record<string, string>];
    expect(node.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20261122\/us-east-1\/qbusiness\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/);
    expect(browser).toEqual(node);
    expect(node["x-amz-date"]).toBe("20261122T030405Z");
    if (credentials.sessionToken) expect(node["x-amz-security-token"]).toBe(credentials.sessionToken);
  });
});

it("the browser signer signs again with a fresh date and other credentials (no stale cached key)", async () => {
  const other = { accessKeyId: "AKIDOTHER", secretAccessKey: "otherSecretKeyOtherSecretKeyOtherSecret" };
  let current: typeof creds = creds;
  const node = nodeSigner({ service: "qbusiness", region: "eu-west-1", credentials: async () => current });
  const browser = browserSigner({ service: "qbusiness", region: "eu-west-1", credentials: async () => current });
  for (const [when, who] of [[date, creds], [new Date("2026-11-23T00:00:01Z"), creds], [new Date("2026-11-23T00:00:02Z"), other]] as const) {
    current = who;
    const [a, b] = [new Headers(), new Headers()];
    await node({ url: new URL("https://qbusiness.eu-west-1.api.aws/x"), method: "GET", headers: a, body: undefined }, when);
    await browser({ url: new URL("https://qbusiness.eu-west-1.api.aws/x"), method: "GET", headers: b, body: undefined }, when);
    expect(Object.fromEntries(b)).toEqual(Object.fromEntries(a));
  }
});
