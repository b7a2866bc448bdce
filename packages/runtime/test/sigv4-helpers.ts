import { createHash, createHmac } from "node:crypto";
import { AwsV4Signer } from "aws4fetch";
import type { Recorded } from "./helpers.js";

type Data = string | ArrayBuffer | ArrayBufferView;

/** A test-local SHA-256 / HMAC-SHA-256 for driving @smithy/signature-v4 directly (independent of the runtime's #sha256). */
export class TestSha256 {
  readonly #parts: Buffer[] = [];
  constructor(readonly secret?: Data) {}
  update(data: Data): void {
    this.#parts.push(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    const h = this.secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(this.secret));
    return new Uint8Array(h.update(Buffer.concat(this.#parts)).digest());
  }
  reset(): void {
    this.#parts.length = 0;
  }
}

const bytes = (d: Data): Buffer =>
  typeof d === "string" ? Buffer.from(d) : ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d);

export const sha256hex = (s: string) => createHash("sha256").update(s).digest("hex");

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

export interface VerifyOptions {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
}

/**
 * Server-side SigV4 verification, independent of the runtime and of smithy: re-sign what the server
 * received with aws4fetch (signing exactly the headers the client listed) and compare. Returns the
 * reason it fails, or undefined when the request verifies.
 */
export async function verifySigV4(rec: Recorded, o: VerifyOptions): Promise<string | undefined> {
  const auth = rec.headers.authorization;
  if (typeof auth !== "string") return "no Authorization header";
  const m = AUTH.exec(auth);
  if (!m) return `malformed Authorization: ${auth}`;
  const [, akid, date, region, service, signedHeaders] = m;
  if (akid !== o.accessKeyId) return `access key ${akid}`;
  if (region !== o.region || service !== o.service) return `scope ${region}/${service}`;
  const amzDate = rec.headers["x-amz-date"];
  if (typeof amzDate !== "string" || !amzDate.startsWith(date!)) return `x-amz-date ${String(amzDate)} vs scope date ${date}`;
  const names = signedHeaders!.split(";");
  for (const required of ["host", "x-amz-date"]) if (!names.includes(required)) return `${required} is not signed`;
  if (rec.headers["x-amz-security-token"] !== undefined && !names.includes("x-amz-security-token")) return "session token not signed";
  const declared = rec.headers["x-amz-content-sha256"];
  if (declared !== undefined && declared !== sha256hex(rec.body)) return "x-amz-content-sha256 does not match the body";
  const headers: Record<string, string> = {};
  for (const name of names) {
    if (name === "host") continue;
    const v = rec.headers[name];
    if (v === undefined) return `signed header ${name} was not received`;
    headers[name] = Array.isArray(v) ? v.join(",") : v;
  }
  const signer = new AwsV4Signer({
    method: rec.method,
    url: `http://${String(rec.headers.host)}${rec.url}`,
    headers,
    body: rec.body,
    accessKeyId: o.accessKeyId,
    secretAccessKey: o.secretAccessKey,
    service: o.service,
    region: o.region,
    datetime: amzDate,
    allHeaders: true,
  });
  const expected = await signer.authHeader();
  return expected === auth ? undefined : `signature mismatch:\n  got      ${auth}\n  expected ${expected}`;
}

/** `20150830T123600Z` -> epoch ms. */
export function parseAmzDate(s: string): number {
  return Date.parse(s.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));
}
