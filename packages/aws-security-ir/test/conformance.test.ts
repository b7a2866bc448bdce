import { describeApi, fakeSigV4Key } from "@subscription-apis/test-kit/conformance";
import { createAwsSecurityIrClient } from "../dist/index.js";

// SigV4 with the spec's signing name (security-ir) and the client's region, checked by two independent verifiers.
const key = fakeSigV4Key("security-ir", "eu-west-1");
const client = (baseUrl: string) => createAwsSecurityIrClient({ region: key.region, credentials: key, baseUrl, retry: { maxAttempts: 1 } });
await describeApi(new URL("..", import.meta.url), client, key);
