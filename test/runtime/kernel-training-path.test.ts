/**
 * End-to-end training path on wasm: value and gradients of every op family our
 * layers and losses use, through tfjs's own gradient functions and therefore
 * through wasm's kernels and ours, against the cpu backend. This is the test
 * that found wasm's MaxPoolGrad bug; it guards against the next one.
 */
import test from "ava";
import { initBackends, relError, rng } from "./kernel-test-utils.js";
import { evaluateOpCase, OP_CASES, opCaseInputs } from "./op-cases.js";
import { SECOND_ORDER_CASES } from "./second-order-cases.js";

test.serial(
  "ops used by layers and losses: value and gradients on wasm match cpu",
  async (t) => {
    await initBackends();
    const r = rng(41);
    const worst: string[] = [];
    for (const [i, c] of OP_CASES.entries()) {
      const inputs = opCaseInputs(c, r);
      const wasm = await evaluateOpCase("wasm", c, inputs, 1000 + i);
      const cpu = await evaluateOpCase("cpu", c, inputs, 1000 + i);
      const errs = wasm.map((w, k) => relError(w, cpu[k]!));
      const e = Math.max(...errs);
      worst.push(`${c.name}: ${e.toExponential(1)}`);
      t.true(
        e <= (c.tol ?? 1e-4),
        `${c.name}: rel errors [value, d/dinputs...] = ${errs.map((x) => x.toExponential(2)).join(", ")}`,
      );
    }
    t.log(worst.join("; "));
  },
);

test.serial(
  "gradient penalties (second derivatives): wasm matches cpu",
  async (t) => {
    await initBackends();
    const r = rng(77);
    for (const [i, c] of SECOND_ORDER_CASES.entries()) {
      const inputs = opCaseInputs(c, r);
      const wasm = await evaluateOpCase("wasm", c, inputs, 77 + i);
      const cpu = await evaluateOpCase("cpu", c, inputs, 77 + i);
      const errs = wasm.map((w, k) => relError(w, cpu[k]!));
      t.true(
        Math.max(...errs) <= (c.tol ?? 1e-4),
        `${c.name}: rel errors [value, d/dinputs...] = ${errs.map((x) => x.toExponential(2)).join(", ")}`,
      );
    }
  },
);
