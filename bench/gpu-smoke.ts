/**
 * GPU smoke test from the sources: compiles examples/lenet-mnist.dl and runs bench/gpu-smoke-lib
 * (LeNet-5 on a GPU backend and on wasm, losses side by side, step times). On a machine without
 * Node or network, use the bench/gpu-smoke script, which carries a bundle of this.
 *
 *   npx tsx bench/gpu-smoke.ts [--steps 20] [--backend webgpu]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { DocumentPipeline } from "../compiler/pipeline/document-pipeline.js";
import type * as dl from "../runtime/index.js";
import { smoke } from "./gpu-smoke-lib.js";

const argv = process.argv.slice(2);
const flag = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);

const emitted = await new DocumentPipeline().emitted(resolve("examples/lenet-mnist.dl"));
if (!emitted.code) throw new Error("examples/lenet-mnist.dl does not compile");
mkdirSync(resolve(".cache/bench"), { recursive: true });
const file = resolve(".cache/bench/lenet-smoke.ts");
writeFileSync(file, emitted.code);
const program = ((await import(pathToFileURL(file).href)) as { lenet: () => dl.TrainProgram }).lenet;
await smoke(program, Number(flag("--steps") ?? 20), flag("--backend"));
