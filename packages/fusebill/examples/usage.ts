import { pathToFileURL } from "node:url";
import { createFusebillClient } from "@subscription-apis/fusebill";

/** Cancel one subscription. Reads FUSEBILL_API_KEY and FUSEBILL_SUBSCRIPTION_ID. */
export async function main(baseUrl?: string): Promise<string> {
  const fusebill = createFusebillClient({
    apiKey: process.env.FUSEBILL_API_KEY ?? "", // the key as issued (already base64), sent verbatim
    ...(baseUrl ? { baseUrl } : {}),
  });

  const { data, error } = await fusebill.cancelSubscription({
    subscriptionId: Number(process.env.FUSEBILL_SUBSCRIPTION_ID),
    cancellationOption: "Unearned", // "None" | "Unearned" | "Full"
  });

  let line: string;
  if (!error) {
    line = `subscription ${data.id} is now ${data.status}`;
  } else if (error.code === "UnknownError") {
    line = `HTTP ${error.status}: ${error.message}`; // a status the spec does not document (e.g. a proxy's 502)
  } else {
    const reason = error.body?.Errors[0]?.Value; // PascalCase envelope: { ErrorId, HttpStatusCode, Errors: [{ Key, Value }] }
    switch (error.code) {
      case "Conflict": // only Active or Provisioning subscriptions can be cancelled
        line = `not cancellable: ${reason}`;
        break;
      case "NotFound":
        line = `no such subscription: ${reason}`;
        break;
      case "TooManyRequests": // already retried
        line = `rate limited until ${error.headers.get("x-rate-limit-reset-minute")}`;
        break;
      default: // BadRequest, Unauthorized, InternalServerError
        line = `${error.code}: ${reason}`;
    }
  }
  console.log(line);
  return line;
}

// Run directly (e.g. `npx tsx examples/usage.ts`); FUSEBILL_BASE_URL overrides the server (proxies, tests).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.env.FUSEBILL_BASE_URL);
