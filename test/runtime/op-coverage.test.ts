/**
 * The op-case table (op-cases.ts) is what the backend tests run, so it must
 * reach every kernel the runtime needs: run each case on cpu under tf.profile
 * and compare the kernels dispatched (forward and backward) with
 * NEEDED_KERNELS. Kernel names do not depend on the backend, so cpu suffices.
 */
import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import { NEEDED_KERNELS } from "../../runtime/backend/index.js";
import { initBackends, rng } from "./kernel-test-utils.js";
import { kernelsOfOpCase, OP_CASES, opCaseInputs } from "./op-cases.js";

test.serial("the op cases run every kernel in NEEDED_KERNELS", async (t) => {
  await initBackends();
  await tf.setBackend("cpu");
  const r = rng(41);
  const seen = new Set<string>();
  for (const [i, c] of OP_CASES.entries()) {
    for (const k of await kernelsOfOpCase(c, opCaseInputs(c, r), 1000 + i))
      seen.add(k);
  }
  const missing = NEEDED_KERNELS.filter((k) => !seen.has(k));
  t.deepEqual(missing, [], `no op case runs ${missing.join(", ")}`);
});
