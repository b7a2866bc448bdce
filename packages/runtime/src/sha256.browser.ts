/** Browsers and other runtimes: WebCrypto SHA-256 (falls back to a JS implementation where WebCrypto is missing). */
export { Sha256 } from "@aws-crypto/sha256-browser";
