import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";

type Data = string | ArrayBuffer | ArrayBufferView;

function toBuffer(data: Data): Buffer | string {
  if (typeof data === "string") return data;
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** SHA-256 / HMAC-SHA-256 in the `Checksum` shape @smithy/signature-v4 expects, backed by node:crypto. */
export class Sha256 {
  readonly #hash: Hash | Hmac;
  constructor(secret?: Data) {
    this.#hash = secret === undefined ? createHash("sha256") : createHmac("sha256", toBuffer(secret));
  }
  update(data: Data): void {
    this.#hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
  reset(): void {
    throw new Error("Sha256.reset is not supported; create a new instance");
  }
}
