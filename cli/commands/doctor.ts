import { doctor } from "../../runtime/backend/index.js";

const help = `Usage: dl doctor

Lists the TensorFlow.js backends (tfjs-node-gpu, tfjs-node, webgpu, wasm, cpu): found or not and
why, version, SIMD and threads, which one dl run selects, and which kernels and gradients the
standard library needs that each backend lacks.`;

export async function doctorCommand(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) return console.log(help), 0;
  console.log(await doctor());
  return 0;
}
