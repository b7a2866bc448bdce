/**
 * SigV4 in browsers and other runtimes: aws4fetch's AwsV4Signer (WebCrypto, ~2 kB gz) instead of
 * @smithy/signature-v4 + a JS SHA-256 (~8 kB gz). It signs the same headers as the Node signer
 * (`x-amz-content-sha256` included), so both produce the same signature for the same request.
 */
import { AwsV4Signer } from "aws4fetch";
import type { SignerOptions, SignFn } from "./signer.js";

async function sha256Hex(body: string | undefined): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body ?? ""));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** What @smithy/signature-v4 never signs; everything else is signed, as on Node (aws4fetch skips content-type). */
const UNSIGNABLE = new Set([
  "authorization",
  "cache-control",
  "connection",
  "expect",
  "from",
  "keep-alive",
  "max-forwards",
  "pragma",
  "referer",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "user-agent",
  "x-amzn-trace-id",
]);

export function createSigner(opts: SignerOptions): SignFn {
  const cache = new Map<string, ArrayBuffer>();
  return async (req, date) => {
    const credentials = await opts.credentials();
    req.headers.set("x-amz-content-sha256", await sha256Hex(req.body as string | undefined));
    const signable = new Headers();
    req.headers.forEach((value, key) => {
      if (!UNSIGNABLE.has(key)) signable.set(key, value);
    });
    const signer = new AwsV4Signer({
      method: req.method,
      url: req.url.toString(),
      headers: signable,
      allHeaders: true,
      body: req.body ?? null,
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
      service: opts.service,
      region: opts.region,
      cache,
      datetime: date.toISOString().replace(/[:-]|\.\d{3}/g, ""),
    });
    const signed = await signer.sign();
    signed.headers.forEach((value, key) => {
      if (key !== "host") req.headers.set(key, value);
    });
  };
}
