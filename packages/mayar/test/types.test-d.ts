// Type tests: checked by `tsgo -p tsconfig.test.json` (the typecheck task), never executed.
// Every `@ts-expect-error` must hit a real type error, or the typecheck fails.
import { expectTypeOf } from "vitest";
import {
  createMayarClient,
  type ApiError,
  type CancelMembershipMemberData,
  type CancelMembershipMemberError,
  type CancelMembershipMemberInput,
  type components,
  type GetMembershipMembersData,
  type GetMembershipMembersItem,
  type MayarClient,
  paginateGetMembershipMembers,
} from "../dist/index.js";

type ErrorResponse = components["schemas"]["ErrorResponse"];

declare const client: MayarClient;
declare const throwing: MayarClient<true>;

export async function inputs(): Promise<void> {
  await client.cancelMembershipMember({ memberId: "MBR8X2QK", productId: "p" });
  await client.cancelMembershipMember({ memberId: "MBR8X2QK", productId: "p" }, { locations: { productId: "query" } });

  // @ts-expect-error memberId is a string
  await client.cancelMembershipMember({ memberId: 123, productId: "p" });
  // @ts-expect-error productId is required (in the body by default, or in the query)
  await client.cancelMembershipMember({ memberId: "MBR8X2QK" });
  // @ts-expect-error productId is a string
  await client.cancelMembershipMember({ memberId: "MBR8X2QK", productId: 7 });
  // @ts-expect-error unknown input key
  await client.cancelMembershipMember({ memberId: "MBR8X2QK", productId: "p", status: "stopped" });
  // @ts-expect-error "cookie" is not a parameter location
  await client.cancelMembershipMember({ memberId: "MBR8X2QK", productId: "p" }, { locations: { productId: "cookie" } });

  // An x-one-of-locations input is required (in one of its locations), so never undefined.
  expectTypeOf<CancelMembershipMemberInput["productId"]>().toEqualTypeOf<string>();
  // @ts-expect-error productId cannot be undefined
  await client.cancelMembershipMember({ memberId: "MBR8X2QK", productId: undefined });
}

export function options(): void {
  createMayarClient({ apiKey: "k", environment: "sandbox" });
  createMayarClient({ apiKey: () => "k", environment: "production", throwOnError: true });
  // @ts-expect-error environment is "production" | "sandbox"
  createMayarClient({ apiKey: "k", environment: "staging" });
  // @ts-expect-error apiKey is required
  createMayarClient({ environment: "sandbox" });
}

export async function results(): Promise<void> {
  const { data, error } = await client.cancelMembershipMember({ memberId: "m", productId: "p" });
  if (!error) {
    expectTypeOf(data).toEqualTypeOf<CancelMembershipMemberData>();
    expectTypeOf(data.data.membershipCustomer.status).toEqualTypeOf<string>();
    expectTypeOf(data.data.membershipCustomer.expiredAt).toEqualTypeOf<string | null>();
    return;
  }
  expectTypeOf(data).toEqualTypeOf<undefined>();
  expectTypeOf(error).toEqualTypeOf<CancelMembershipMemberError>();
  expectTypeOf(error).toMatchTypeOf<ApiError>();
  expectTypeOf(error.code).toEqualTypeOf<"BadRequest" | "Unauthorized" | "NotFound" | "TooManyRequests" | "UnknownError">();

  // @ts-expect-error "Forbidden" is not a documented code of this operation
  if (error.code === "Forbidden") return;
  // @ts-expect-error "Conflict" is not a documented code of this operation
  if (error.code === "Conflict") return;

  switch (error.code) {
    case "BadRequest":
      expectTypeOf(error.status).toEqualTypeOf<400>();
      expectTypeOf(error.body).toEqualTypeOf<ErrorResponse | undefined>();
      break;
    case "NotFound":
      expectTypeOf(error.status).toEqualTypeOf<404>();
      expectTypeOf(error.body).toEqualTypeOf<ErrorResponse | undefined>();
      break;
    case "TooManyRequests":
      expectTypeOf(error.status).toEqualTypeOf<429>();
      break;
    case "UnknownError":
      expectTypeOf(error.status).toEqualTypeOf<number>();
      // The spec's `default` response documents the same envelope for any other status.
      expectTypeOf(error.body).toEqualTypeOf<ErrorResponse | undefined>();
      break;
    default:
      expectTypeOf(error.code).toEqualTypeOf<"Unauthorized">();
  }
}

export async function throwOnError(): Promise<void> {
  const result = await throwing.cancelMembershipMember({ memberId: "m", productId: "p" });
  expectTypeOf(result.data).toEqualTypeOf<CancelMembershipMemberData>();
  expectTypeOf(result.error).toEqualTypeOf<undefined>();
}

export async function paginators(): Promise<void> {
  const paged = paginateGetMembershipMembers(client, { productId: "p", limit: 10 });
  for await (const page of paged.pages()) expectTypeOf(page).toEqualTypeOf<GetMembershipMembersData>();
  for await (const item of paged.items()) {
    expectTypeOf(item).toEqualTypeOf<GetMembershipMembersItem>();
    expectTypeOf(item).toEqualTypeOf<NonNullable<GetMembershipMembersData["data"]>[number]>();
  }
  // @ts-expect-error limit is a number
  paginateGetMembershipMembers(client, { productId: "p", limit: "10" });
  // @ts-expect-error productId is required
  paginateGetMembershipMembers(client, {});
}
