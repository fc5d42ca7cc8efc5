import { doctor } from "../../runtime/backend/index.js";
import { probeTorch } from "../torch-engine.js";

const help = `Usage: dl doctor [--python <path>]

Lists the engines: tfjs (TensorFlow.js) and torch (PyTorch through python3 on PATH, or --python),
with the devices each finds.

Lists the TensorFlow.js backends (tfjs-node-gpu, tfjs-node, webgpu, wasm, cpu): found or not and
why, version, SIMD and threads, which one dl run selects, and which kernels and gradients the
standard library needs that each backend lacks.`;

export async function doctorCommand(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) return console.log(help), 0;
  const at = args.indexOf("--python");
  const python = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && !python) return console.error("dl doctor: option '--python' needs a value"), 2;
  console.log("Engines:");
  console.log("  tfjs   TensorFlow.js in this Node process (dl run; --backend picks one of the backends below)");
  const probe = probeTorch(python ?? "python3");
  if (probe.torch) {
    const cuda = probe.cuda.length ? probe.cuda.map((d, i) => `cuda:${i} ${d}`).join(", ") : "no CUDA device";
    console.log(`  torch  PyTorch ${probe.torch} (${probe.python}); devices: cpu, ${cuda} (dl run --engine torch [--device cuda] [--nproc N])`);
  } else console.log(`  torch  not available: ${probe.error}`);
  console.log("");
  console.log(await doctor());
  return 0;
}
