/**
 * Shared by the torch engine's tests: the Python with torch (skipped, naming Debian's
 * python3-torch, where there is none), translation of a .dl file to both engines' modules, and
 * the driver script that runs the Python side.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import test from "ava";
import { safeName } from "../../compiler/check/names.js";
import { pipeline } from "../../cli/load.js";
import { importGenerated, loadRuntime } from "../../cli/runtime-module.js";
import { probeTorch, pythonEnv, torchModule } from "../../cli/torch-engine.js";

const candidates = [process.env.DL_TEST_PYTHON, "/usr/bin/python3", "python3"].filter((p): p is string => !!p);
/** The Python that has torch, or undefined. */
export const python = candidates.map(probeTorch).find((p) => p.torch)?.python;

/** `test` where torch is available, else a skipped test whose title says what to install. */
export const torchTest = python ? test.serial : test.skip;
if (!python) console.log("torch tests skipped: no python3 with torch (apt-get install python3-torch, or set DL_TEST_PYTHON)");

/** A fresh temporary folder. */
export const tempDir = (): string => mkdtempSync(join(tmpdir(), "dl-torch-test-"));

let backend: Promise<unknown> | undefined;

/** Both engines' modules of a .dl file: the imported TypeScript module and a written Python file. */
export async function bothEngines(file: string, dir: string) {
  const path = resolve(file);
  const emitted = await pipeline.emitted(path);
  if (emitted.code === undefined) throw new Error(`${file} has errors`);
  const mod = await torchModule(emitted, file);
  if ("error" in mod) throw new Error(mod.error);
  const py = join(dir, `${safeName(file.replace(/\W/g, "_"))}.py`);
  writeFileSync(py, mod.code);
  const dl = await loadRuntime();
  backend ??= dl.selectBackend("wasm");
  await backend;
  return { emitted, ts: await importGenerated(emitted.code), py, dl };
}

/** Runs test/torch/torch-driver.py with `args`; returns stdout, throws with stderr on failure. */
export function driver(args: string[], extraEnv: Record<string, string> = {}): string {
  const r = spawnSync(python!, [resolve("test/torch/torch-driver.py"), ...args], { encoding: "utf8", env: { ...pythonEnv(), ...extraEnv }, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`torch-driver ${args[0]} failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}

/** Runs `python -m torch.distributed.run` with the driver (data-parallel tests). */
export function torchrun(nproc: number, args: string[]): string {
  const r = spawnSync(
    python!,
    ["-m", "dl_torch.launch", "--nproc_per_node", String(nproc), "--nnodes", "1", "--master_addr", "127.0.0.1", "--master_port", String(29500 + Math.floor(Math.random() * 2000)), resolve("test/torch/torch-driver.py"), ...args],
    { encoding: "utf8", env: { ...pythonEnv(), OMP_NUM_THREADS: "1" }, maxBuffer: 1 << 26 },
  );
  if (r.status !== 0) throw new Error(`torchrun failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}
