// The client factory and everything the package exports are generated from specs/aws-qbusiness (src/generated/client.ts).
export * from "./generated/client.js";
