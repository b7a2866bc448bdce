/**
 * The `#signer` conditional import gives Node @smithy/signature-v4 and browsers aws4fetch. Both must sign the
 * same request identically (same signed headers, same signature), or a browser bundle would authenticate
 * differently from what the Node test suite proves.
 */
import { describe, expect, it } from "vitest";
import { createSigner as browserSigner } from "../dist/signer.browser.js";
import { createSigner as nodeSigner } from "../dist/signer.node.js";

const date = new Date("2026-11-22T03:04:05Z");
const creds = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const cases: [string, string, string, string | undefined, Record<string, string>, typeof creds & { sessionToken?: string }][] = [
  [
    "DELETE with encoded labels",
    "DELETE",
    "https://qbusiness.us-east-1.api.aws/applications/a1/subscriptions/a%2Fb%20c",
    undefined,
    {},
    creds,
  ],
  ["PUT, no body", "PUT", "https://security-ir.eu-west-1.api.aws/v1/membership/m-abcd1234efgh", undefined, {}, creds],
  [
    "POST with JSON body and query",
    "POST",
    "https://example.us-east-1.api.aws/things?b=2&a=1&a=0&sp=x%20y",
    '{"name":"box"}',
    { "content-type": "application/json" },
    creds,
  ],
  [
    "session token",
    "GET",
    "https://example.us-east-1.api.aws/things/%C3%A9",
    undefined,
    {},
    { ...creds, sessionToken: "FQoGZXIvYXdzEXAMPLETOKEN" },
  ],
];

describe("Node (smithy) and browser (aws4fetch) signers agree", () => {
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
    expect(node.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20261122\/us-east-1\/qbusiness\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/,
    );
    expect(browser).toEqual(node);
    expect(node["x-amz-date"]).toBe("20261122T030405Z");
    if (credentials.sessionToken) expect(node["x-amz-security-token"]).toBe(credentials.sessionToken);
  });
});
