/**
 * A backend's memory limit: a step estimated over it is refused with the estimate, the limit and
 * what to change; the wasm module's own out-of-memory failures (the messages tfjs-backend-wasm
 * 4.22 throws, recorded from a run that held 2 GiB) become the same clear error.
 */
import test from "ava";
import { BackendMemoryError, backendMemoryLimits, batchThatFits, checkStepMemory, formatBytes, outOfMemory, type StepMemory } from "../../runtime/backend/memory.js";

const GiB = 2 ** 30;
const step: StepMemory = { bytes: 11 * GiB, detail: "11 GiB (…)", fixedBytes: 1.1 * GiB, perExampleBytes: 0.31 * GiB, batch: 32 };

test("wasm's limit is the 2 GiB its JavaScript side can address", (t) => {
  t.is(backendMemoryLimits["wasm"], 2 * GiB);
  t.is(formatBytes(2 * GiB), "2 GiB");
  t.is(formatBytes(1.55 * GiB), "1.6 GiB");
});

test("a step over the limit is refused before allocation, with a batch that fits", (t) => {
  const e = t.throws(() => checkStepMemory("wasm", step), { instanceOf: BackendMemoryError });
  t.regex(e!.message, /needs about 11 GiB .*more than the 2 GiB the wasm backend can address; batch by 2 \(batch\(2\) needs about 1\.7 GiB\) or run it on a GPU backend/);
  t.notThrows(() => checkStepMemory("webgpu", step));
  t.notThrows(() => checkStepMemory("wasm", { ...step, bytes: GiB }));
  t.is(batchThatFits(step, 2 * GiB), 2);
  t.is(batchThatFits({ ...step, fixedBytes: 3 * GiB }, 2 * GiB), undefined);
});

test("a step whose weights alone are over the limit is told to change backend", (t) => {
  const e = t.throws(() => checkStepMemory("wasm", { ...step, fixedBytes: 3 * GiB }))!;
  t.regex(e.message, /even one example per batch does not fit: run it on a GPU backend/);
});

test("the wasm module's aborts become a clear out-of-memory error", (t) => {
  for (const message of ["Aborted(). Build with -sASSERTIONS for more info.", "memory access out of bounds", "offset is out of bounds"]) {
    const err = outOfMemory(new WebAssembly.RuntimeError(message), "wasm", step);
    t.true(err instanceof BackendMemoryError, message);
    t.regex(err!.message, /^the wasm backend ran out of memory \(.*\): it can address at most 2 GiB; the step was estimated at about 11 GiB/);
    t.false(err!.message.includes("ASSERTIONS"));
  }
  t.is(outOfMemory(new Error("something else"), "wasm"), undefined);
  t.is(outOfMemory(new WebAssembly.RuntimeError("Aborted()"), "cpu"), undefined);
});
