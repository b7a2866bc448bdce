/**
 * Test support (not a test file): two independent SigV4 verifiers for a request the recording server
 * (`startServer`, ./server.ts) received:
 * one re-signs the request with @smithy/signature-v4, the other recomputes the signature by hand with
 * node:crypto (canonical request -> string to sign -> signing key), as a server would.
 */
import { createHash, createHmac } from "node:crypto";
import { inspect } from "node:util";
import { SignatureV4 } from "@smithy/signature-v4";
import type { Received } from "./server.js";

export type { Received } from "./server.js";

export interface SigV4Key {
  accessKeyId: string;
  secretAccessKey: string;
  service: string;
  region: string;
}

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

export function parseAuthorization(value: string | string[] | undefined): ParsedAuthorization | undefined {
  const m = typeof value === "string" ? AUTH.exec(value) : null;
  if (!m) return undefined;
  return { accessKeyId: m[1]!, date: m[2]!, region: m[3]!, service: m[4]!, signedHeaders: m[5]!.split(";"), signature: m[6]! };
}

function header(req: Received, name: string): string {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(",") : (v ?? "");
}

/** `20250102T030405Z` -> Date. */
export function parseAmzDate(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw new Error(`bad X-Amz-Date ${value}`);
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

class NodeSha256 {
  readonly #h;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    const key =
      secret === undefined
        ? undefined
        : typeof secret === "string"
          ? secret
          : Buffer.from(
              ArrayBuffer.isView(secret) ? new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength) : new Uint8Array(secret),
            );
    this.#h = key === undefined ? createHash("sha256") : createHmac("sha256", key);
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#h.update(
      typeof data === "string"
        ? data
        : ArrayBuffer.isView(data)
          ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
          : new Uint8Array(data),
    );
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#h.digest());
  }
  reset(): void {}
}

const sha256Hex = (data: string) => createHash("sha256").update(data, "utf8").digest("hex");

/**
 * Re-sign the received request with @smithy/signature-v4 (same key, same X-Amz-Date, only the headers
 * the client listed in SignedHeaders, with the values the server received) and return the Authorization
 * header a correct client must have sent. Also checks that x-amz-content-sha256 is the hash of the body received.
 */
export async function expectedAuthorizationSmithy(req: Received, key: SigV4Key): Promise<string> {
  const parsed = parseAuthorization(req.headers.authorization);
  if (!parsed) throw new Error(`unparseable Authorization: ${String(req.headers.authorization)}`);
  const claimed = header(req, "x-amz-content-sha256");
  if (claimed && claimed !== sha256Hex(req.body)) throw new Error("x-amz-content-sha256 is not the hash of the body received");
  const url = new URL(req.url, "http://placeholder");
  const headers: Record<string, string> = {};
  for (const name of parsed.signedHeaders) headers[name] = header(req, name);
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const signer = new SignatureV4({
    service: key.service,
    region: key.region,
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
    sha256: NodeSha256,
    uriEscapePath: true,
    applyChecksum: true,
  });
  const signed = await signer.sign(
    { method: req.method, protocol: "http:", hostname: "127.0.0.1", path: url.pathname, query, headers, body: req.body },
    { signingDate: parseAmzDate(header(req, "x-amz-date")) },
  );
  return String(signed.headers.authorization ?? signed.headers.Authorization);
}

/** RFC 3986 encoding, as SigV4 requires (encodeURIComponent leaves !'()* alone). */
const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The same check with node:crypto only, written from the SigV4 documentation: the canonical URI encodes
 * each (already percent-encoded) path segment once more, as every AWS service but S3 expects.
 */
export function expectedAuthorizationManual(req: Received, key: SigV4Key): string {
  const parsed = parseAuthorization(req.headers.authorization);
  if (!parsed) throw new Error(`unparseable Authorization: ${String(req.headers.authorization)}`);
  const amzDate = header(req, "x-amz-date");
  const url = new URL(req.url, "http://placeholder");
  const canonicalUri = url.pathname.split("/").map(rfc3986).join("/");
  const canonicalQuery = [...url.searchParams]
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const names = [...parsed.signedHeaders].sort();
  const canonicalHeaders = names.map((n) => `${n}:${header(req, n).trim().replace(/\s+/g, " ")}\n`).join("");
  const canonicalRequest = [req.method, canonicalUri, canonicalQuery, canonicalHeaders, names.join(";"), sha256Hex(req.body)].join("\n");
  const scope = `${amzDate.slice(0, 8)}/${key.region}/${key.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  const hmac = (k: string | Buffer, d: string) => createHmac("sha256", k).update(d, "utf8").digest();
  const kSigning = hmac(hmac(hmac(hmac(`AWS4${key.secretAccessKey}`, amzDate.slice(0, 8)), key.region), key.service), "aws4_request");
  const signature = createHmac("sha256", kSigning).update(stringToSign, "utf8").digest("hex");
  return `AWS4-HMAC-SHA256 Credential=${key.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`;
}

/** True when the request's signature is what both verifiers compute. */
export async function signatureIsValid(req: Received, key: SigV4Key): Promise<boolean> {
  const sent = header(req, "authorization");
  return sent === (await expectedAuthorizationSmithy(req, key)) && sent === expectedAuthorizationManual(req, key);
}

/** Every string form of an error a user might log. */
export function errorStrings(e: unknown): string[] {
  const err = e as Error;
  return [String(e), err.message, err.stack ?? "", JSON.stringify(e), inspect(e, { depth: 10, showHidden: true })];
}
