import { pathToFileURL } from "node:url";
import { createAwsQBusinessClient } from "@subscription-apis/aws-qbusiness";

/** Cancel one user's or group's subscription; returns the process exit code. */
export async function main(applicationId: string, subscriptionId: string): Promise<number> {
  // Region from AWS_REGION, keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or pass `region` and `credentials`).
  // AWS_QBUSINESS_ENDPOINT, when set, replaces the regional endpoint (a proxy, a local test server).
  const client = createAwsQBusinessClient({ baseUrl: process.env.AWS_QBUSINESS_ENDPOINT });

  // Bad input (ValidationError), missing credentials (AuthError), network failures and timeouts are thrown.
  const { data, error } = await client.cancelSubscription({ applicationId, subscriptionId });
  if (!error) {
    // Access ends at the start of next month: until then the current tier still applies.
    console.log(
      `Cancelled ${data.subscriptionArn}: ${data.currentSubscription?.type} now, ${data.nextSubscription?.type ?? "none"} next month`,
    );
    return 0;
  }
  switch (error.code) {
    case "ValidationException":
      for (const field of error.body?.fields ?? []) console.error(`Invalid ${field.name}: ${field.message}`);
      break;
    case "ResourceNotFoundException":
      console.error(`No ${error.body?.resourceType ?? "resource"} ${error.body?.resourceId ?? subscriptionId}`);
      break;
    case "ThrottlingException":
    case "InternalServerException":
      console.error(`Gave up after ${error.attempts} attempts (request id ${error.requestId})`);
      break;
    default:
      console.error(error.message); // e.g. "cancelSubscription: AccessDeniedException (HTTP 403): ..."
  }
  return 1;
}

// Run: AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... npx tsx examples/usage.ts <applicationId> <subscriptionId>
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv[2] ?? "", process.argv[3] ?? "");
}
