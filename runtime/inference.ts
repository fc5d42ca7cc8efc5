/**
 * The part of the runtime a generated model class needs to run: modules, layers, ops,
 * initializers and random streams, and nothing that reads files, trains or selects a backend.
 * It imports only `@tensorflow/tfjs-core`, so it bundles for the browser; `dl export` bundles
 * a model class against it (runtime/index.ts re-exports it for everything else).
 */
export { Module } from "./module.js";
export { Rng, random, type RngState } from "./rng.js";
export * as layers from "./nn/index.js";
export * as ops from "./nn/ops.js";
export * as init from "./nn/init.js";
export { reparameterize } from "./losses/generative.js";
export { reflectionPad } from "./nn/reflection-pad.js";
