// The client factory and everything the package exports are generated from specs/mayar (src/generated/client.ts).
export * from "./generated/client.js";
