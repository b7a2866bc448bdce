// The runtime's whole main entry (every export), bundled by `sapi-release size`: what a hand-written client on
// top of @subscription-apis/runtime pays at most.
export * from "@subscription-apis/runtime";
