import { describeApi, fakeSigV4Key } from "@subscription-apis/test-kit/conformance";
import { createAwsQBusinessClient } from "../dist/index.js";

// SigV4 with the spec's signing name (qbusiness) and the client's region, checked by two independent verifiers.
const key = fakeSigV4Key("qbusiness", "us-west-2");
const client = (baseUrl: string) => createAwsQBusinessClient({ region: key.region, credentials: key, baseUrl, retry: { maxAttempts: 1 } });
await describeApi(new URL("..", import.meta.url), client, key);
