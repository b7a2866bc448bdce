import { describeApi } from "@subscription-apis/test-kit/conformance";
import { signatureIsValid } from "@subscription-apis/test-kit/aws";
import { expect } from "vitest";
import { examples } from "../dist/generated/examples.js";
import { api, createAwsSecurityIrClient } from "../dist/index.js";

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzzSECRETzz" };
describeApi({
  api,
  examples,
  client: (baseUrl) => createAwsSecurityIrClient({ region: "eu-west-1", credentials, baseUrl, retry: { maxAttempts: 1 } }),
  // SigV4 for the spec's signing name and the client's region, checked by two independent verifiers.
  auth: async (req) => expect(await signatureIsValid(req, { ...credentials, service: "security-ir", region: "eu-west-1" })).toBe(true),
});
