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
