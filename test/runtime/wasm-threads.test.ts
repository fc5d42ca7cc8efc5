import test from "ava";
import { execFile } from "node:child_process";
import { cpus } from "node:os";
import * as path from "node:path";
import { requestedWasmThreads } from "../../runtime/backend/wasm-setup.js";

/**
 * tfjs's threaded wasm build under Node (runtime/backend/wasm-threads.ts), each run in its own
 * process because a backend starts once per process: DL_WASM_THREADS=2 gets two XNNPACK threads
 * (capped at the machine's processors), trains to the same losses, bit for bit, as one thread
 * (XNNPACK splits work by output tile, never a sum), keeps the tensor count constant per step,
 * and the process exits by itself.
 */
const FIXTURE = path.resolve("test/runtime/fixtures/threads-train.ts");

/** Runs the fixture; rejects if it fails or does not exit by itself within 4 minutes. */
function train(threads: string): Promise<{ threads: number; losses: number[]; tensors: number[] }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import=tsx", "--conditions=dl-source", FIXTURE],
      { env: { ...process.env, DL_WASM_THREADS: threads }, encoding: "utf8", timeout: 240_000 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`DL_WASM_THREADS=${threads}: ${err.message}\n${stderr}`));
        else resolve(JSON.parse(stdout.trim().split("\n").pop()!));
      },
    );
  });
}

test("two wasm threads train to the one-thread losses bit for bit and the process exits", async (t) => {
  // Both at once: the losses do not depend on the load, and the test takes half the time.
  const [one, two] = await Promise.all([train("1"), train("2")]);
  t.is(one.threads, 1);
  t.is(two.threads, Math.min(2, cpus().length));
  t.deepEqual(two.losses, one.losses);
  t.true(one.losses[4]! < one.losses[0]!, `losses fall: ${one.losses.join(", ")}`);
  t.is(new Set(two.tensors).size, 1, `tensors per step: ${two.tensors.join(", ")}`);
  t.is(new Set(one.tensors).size, 1, `tensors per step: ${one.tensors.join(", ")}`);
});

test("DL_WASM_THREADS: unset is one thread, auto is the pool's cap, bad values say what is expected", (t) => {
  t.is(requestedWasmThreads({}), 1);
  t.is(requestedWasmThreads({ DL_WASM_THREADS: " 2 " }), 2);
  t.is(requestedWasmThreads({ DL_WASM_THREADS: "auto" }), 8);
  t.is(requestedWasmThreads({ DL_WASM_THREADS: "64" }), 8);
  t.throws(() => requestedWasmThreads({ DL_WASM_THREADS: "two" }), { message: /DL_WASM_THREADS=two: expected a whole number of threads ≥ 1, or "auto"/ });
  t.throws(() => requestedWasmThreads({ DL_WASM_THREADS: "0" }), { message: /expected a whole number/ });
});
