/**
 * SigV4 in browsers and other runtimes: the shared signer (signer.ts) on WebCrypto. No dependency: a few hundred
 * bytes gzipped. Same signatures as on Node (tested against @smithy/signature-v4 in signer-parity.test.ts).
 */
import { sigV4, type SignerOptions, type SignFn } from "./signer.js";

const encoder = new TextEncoder();
const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");

export function createSigner(opts: SignerOptions): SignFn {
  const subtle = globalThis.crypto.subtle;
  return sigV4<ArrayBuffer>(opts, {
    sha256Hex: async (data) => hex(await subtle.digest("SHA-256", encoder.encode(data))),
    hmac: async (key, data) =>
      subtle.sign(
        "HMAC",
        await subtle.importKey("raw", typeof key === "string" ? encoder.encode(key) : key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]),
        encoder.encode(data),
      ),
    hex,
  });
}
