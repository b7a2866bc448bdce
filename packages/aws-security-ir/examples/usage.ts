import { pathToFileURL } from "node:url";
import { createAwsSecurityIrClient } from "@subscription-apis/aws-security-ir";

/** Cancel one membership; returns the process exit code. */
export async function main(membershipId: string): Promise<number> {
  // Region from AWS_REGION, keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or pass `region` and `credentials`).
  // AWS_SECURITY_IR_ENDPOINT, when set, replaces the regional endpoint (a proxy, a local test server).
  const client = createAwsSecurityIrClient({ baseUrl: process.env.AWS_SECURITY_IR_ENDPOINT });

  // Bad input (ValidationError), missing credentials (AuthError), network failures and timeouts are thrown.
  const { data, error } = await client.cancelMembership({ membershipId });
  if (!error) {
    console.log(`Cancelled membership ${data.membershipId}`);
    return 0;
  }
  switch (error.code) {
    case "ValidationException":
      for (const field of error.body?.fieldList ?? []) console.error(`Invalid ${field.name}: ${field.message}`);
      break;
    case "ResourceNotFoundException":
      console.error(`No membership ${membershipId}`);
      break;
    case "ConflictException":
      console.error(`Membership ${error.body?.resourceId} cannot be cancelled now: ${error.body?.message}`);
      break;
    case "ThrottlingException":
    case "InternalServerException":
      console.error(`Gave up after ${error.attempts} attempts (request id ${error.requestId})`);
      break;
    default:
      console.error(error.message); // e.g. "cancelMembership: AccessDeniedException (HTTP 403): ..."
  }
  return 1;
}

// Run: AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... npx tsx examples/usage.ts m-abcd1234efgh
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main(process.argv[2] ?? "");
