/**
 * SigV4 in browsers and other runtimes: a small WebCrypto implementation of the canonicalization
 * @smithy/signature-v4 applies on Node (signer.node.ts, with `uriEscapePath` and `applyChecksum`), so both
 * produce the same signature for the same request (tested in signer-parity.test.ts). No dependency: the
 * whole signer is a few hundred bytes gzipped.
 */
import type { SignerOptions, SignFn } from "./signer.js";

const encoder = new TextEncoder();
const subtle = () => globalThis.crypto.subtle;

const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
const sha256 = async (data: string) => hex(await subtle().digest("SHA-256", encoder.encode(data)));
async function hmac(key: BufferSource, data: string): Promise<ArrayBuffer> {
  const k = await subtle().importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return subtle().sign("HMAC", k, encoder.encode(data));
}

/** RFC 3986 encoding, as the SDK's `escapeUri`. */
const escape = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** What @smithy/signature-v4 never signs (plus `proxy-*` and `sec-*`), and what it sets itself. */
const UNSIGNABLE = new Set([
  "authorization", "cache-control", "connection", "expect", "from", "keep-alive", "max-forwards", "pragma", "referer",
  "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id", "date",
]);

export function createSigner(opts: SignerOptions): SignFn {
  const keys = new Map<string, Promise<ArrayBuffer>>();
  return async (req, date) => {
    const credentials = await opts.credentials();
    const longDate = date.toISOString().replace(/[:-]|\.\d{3}/g, "");
    const shortDate = longDate.slice(0, 8);
    const scope = `${shortDate}/${opts.region}/${opts.service}/aws4_request`;
    req.headers.set("x-amz-date", longDate);
    if (credentials.sessionToken) req.headers.set("x-amz-security-token", credentials.sessionToken);
    // A payload hash the caller already set is signed as is (as the SDK does); else the body's is added.
    let payloadHash = req.headers.get("x-amz-content-sha256");
    if (payloadHash === null) req.headers.set("x-amz-content-sha256", (payloadHash = await sha256(req.body ?? "")));

    const headers: Record<string, string> = { host: req.url.host };
    req.headers.forEach((value, name) => {
      if (!UNSIGNABLE.has(name) && !/^(proxy|sec)-/.test(name)) headers[name] = value.replace(/[\r\n]/g, " ").replace(/[ \t]+/g, " ").replace(/^ | $/g, "");
    });
    const names = Object.keys(headers).sort();
    // Path: dot segments and empty segments removed, then encoded once more (the URL's path is already encoded).
    const segments: string[] = [];
    for (const s of req.url.pathname.split("/")) {
      if (s === "" || s === ".") continue;
      if (s === "..") segments.pop();
      else segments.push(s);
    }
    const path = req.url.pathname;
    const canonicalPath = escape(`${path.startsWith("/") ? "/" : ""}${segments.join("/")}${segments.length && path.endsWith("/") ? "/" : ""}`).replace(/%2F/g, "/");
    const query: Record<string, string[]> = {};
    for (const [k, v] of req.url.searchParams) if (k.toLowerCase() !== "x-amz-signature") (query[escape(k)] ??= []).push(`${escape(k)}=${escape(v)}`);
    const canonicalQuery = Object.keys(query)
      .sort()
      .map((k) => query[k]!.sort().join("&"))
      .join("&");
    const canonical = `${req.method}\n${canonicalPath}\n${canonicalQuery}\n${names.map((n) => `${n}:${headers[n]}`).join("\n")}\n\n${names.join(";")}\n${payloadHash}`;

    const keyId = `${credentials.secretAccessKey}\n${scope}`;
    let key = keys.get(keyId);
    if (!key) {
      key = (async () => {
        let k: BufferSource = encoder.encode(`AWS4${credentials.secretAccessKey}`);
        for (const part of [shortDate, opts.region, opts.service, "aws4_request"]) k = await hmac(k, part);
        return k as ArrayBuffer;
      })();
      keys.clear(); // one key per day and credentials: the previous ones are never used again
      keys.set(keyId, key);
    }
    const signature = hex(await hmac(await key, `AWS4-HMAC-SHA256\n${longDate}\n${scope}\n${await sha256(canonical)}`));
    req.headers.set("authorization", `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`);
  };
}
