import type { OutgoingRequest } from "./transport.js";

export interface SignerCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SignerOptions {
  service: string;
  region: string;
  credentials: () => Promise<SignerCredentials>;
}

/** Sign one attempt in place: sets authorization, x-amz-date, x-amz-content-sha256 (and x-amz-security-token). */
export type SignFn = (req: OutgoingRequest, date: Date) => Promise<void>;

/** The hashing SigV4 needs (node:crypto on Node, WebCrypto elsewhere). `K`: an HMAC result, the next HMAC's key. */
export interface SignerCrypto<K> {
  sha256Hex(data: string): string | Promise<string>;
  hmac(key: string | K, data: string): K | Promise<K>;
  hex(value: K): string;
}

/** RFC 3986 encoding, as the AWS SDK's `escapeUri`. */
const escape = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** What @smithy/signature-v4 never signs (plus `proxy-*` and `sec-*`), and `date`, which it drops. */
const UNSIGNABLE = new Set([
  "authorization", "cache-control", "connection", "expect", "from", "keep-alive", "max-forwards", "pragma", "referer",
  "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id", "date",
]);

/**
 * AWS Signature Version 4 of a request's headers, exactly as @smithy/signature-v4 (the AWS SDK's signer) signs it
 * with `uriEscapePath` and `applyChecksum`: same canonical request, same signed headers, same signature (tested
 * against it). The signing key is derived once per day, region, service and credentials.
 */
export function sigV4<K>(opts: SignerOptions, crypto: SignerCrypto<K>): SignFn {
  let keyId: string | undefined;
  let key: K | Promise<K> | undefined;
  return async (req, date) => {
    const credentials = await opts.credentials();
    const longDate = date.toISOString().replace(/[:-]|\.\d{3}/g, "");
    const shortDate = longDate.slice(0, 8);
    const scope = `${shortDate}/${opts.region}/${opts.service}/aws4_request`;
    req.headers.set("x-amz-date", longDate);
    if (credentials.sessionToken) req.headers.set("x-amz-security-token", credentials.sessionToken);
    // A payload hash the caller already set is signed as is (as the SDK does); else the body's is added.
    let payloadHash = req.headers.get("x-amz-content-sha256");
    if (payloadHash === null) req.headers.set("x-amz-content-sha256", (payloadHash = await crypto.sha256Hex(req.body ?? "")));

    const headers: Record<string, string> = { host: req.url.host };
    req.headers.forEach((value, name) => {
      if (!UNSIGNABLE.has(name) && !/^(proxy|sec)-/.test(name)) headers[name] = value.replace(/[\r\n]/g, " ").replace(/[ \t]+/g, " ").replace(/^ | $/g, "");
    });
    const names = Object.keys(headers).sort();
    // Path: dot segments and empty segments removed, then encoded once more (the URL's path is already encoded).
    const path = req.url.pathname;
    const segments: string[] = [];
    for (const s of path.split("/")) {
      if (s === "" || s === ".") continue;
      if (s === "..") segments.pop();
      else segments.push(s);
    }
    const canonicalPath = escape(`${path.startsWith("/") ? "/" : ""}${segments.join("/")}${segments.length && path.endsWith("/") ? "/" : ""}`).replace(/%2F/g, "/");
    const query: Record<string, string[]> = {};
    if (req.url.search) {
      for (const [k, v] of req.url.searchParams) if (k.toLowerCase() !== "x-amz-signature") (query[escape(k)] ??= []).push(`${escape(k)}=${escape(v)}`);
    }
    const canonicalQuery = Object.keys(query)
      .sort()
      .map((k) => query[k]!.sort().join("&"))
      .join("&");
    const canonical = `${req.method}\n${canonicalPath}\n${canonicalQuery}\n${names.map((n) => `${n}:${headers[n]}`).join("\n")}\n\n${names.join(";")}\n${payloadHash}`;

    const id = `${credentials.secretAccessKey}\n${scope}`;
    if (keyId !== id) {
      keyId = id;
      key = (async () => {
        let k: string | K = `AWS4${credentials.secretAccessKey}`;
        for (const part of [shortDate, opts.region, opts.service, "aws4_request"]) k = await crypto.hmac(k, part);
        return k as K;
      })();
    }
    const signingKey = key!; // this request's key, whatever a concurrent request with other credentials caches next
    const stringToSign = `AWS4-HMAC-SHA256\n${longDate}\n${scope}\n${await crypto.sha256Hex(canonical)}`;
    const signature = crypto.hex(await crypto.hmac(await signingKey, stringToSign));
    req.headers.set("authorization", `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`);
  };
}
