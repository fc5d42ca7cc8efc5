import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import { createRequire } from "node:module";
import {
  doctor,
  missingKernels,
  NEEDED_KERNELS,
  parseBackendName,
  selectBackend,
} from "../../runtime/backend/index.js";
import { gradientsRegistered } from "../../runtime/kernels/index.js";

const require = createRequire(import.meta.url);
const installed = (pkg: string) => {
  try {
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
};

test.serial(
  "selectBackend picks the best available backend and says why the others were not",
  async (t) => {
    const report = await selectBackend();
    t.is(
      tf.getBackend(),
      report.selected === "tfjs-node" || report.selected === "tfjs-node-gpu"
        ? "tensorflow"
        : report.selected,
    );
    t.deepEqual(
      report.candidates.map((c) => c.name),
      ["tfjs-node-gpu", "tfjs-node", "webgpu", "wasm", "cpu"],
    );
    const webgpu = report.candidates.find((c) => c.name === "webgpu")!;
    if (webgpu.adapter?.software === true) {
      // A software adapter (CI's lavapipe) is never preferred over wasm.
      t.false(webgpu.found);
      t.regex(webgpu.reason ?? "", /--backend webgpu/);
    }
    if (
      !installed("@tensorflow/tfjs-node") &&
      !installed("@tensorflow/tfjs-node-gpu") &&
      (!installed("webgpu") || webgpu.adapter?.software !== false)
    ) {
      t.is(report.selected, "wasm"); // this machine: no native library, no hardware GPU
      const node = report.candidates.find((c) => c.name === "tfjs-node")!;
      t.false(node.found);
      t.regex(node.reason ?? "", /tfjs-node/);
      const wasm = report.candidates.find((c) => c.name === "wasm")!;
      t.true(wasm.simd);
      t.is(wasm.threads, 1);
    }
    for (const c of report.candidates)
      if (!c.found) t.truthy(c.reason, `${c.name} needs a reason`);
  },
);

test.serial(
  "--backend override: names and aliases, unknown names rejected",
  async (t) => {
    t.is((await selectBackend("cpu")).selected, "cpu");
    t.is(tf.getBackend(), "cpu");
    t.is((await selectBackend("js")).selected, "cpu");
    t.is((await selectBackend("WASM")).selected, "wasm");
    t.is(tf.getBackend(), "wasm");
    t.is(parseBackendName("node"), "tfjs-node");
    t.is(parseBackendName("gpu"), "tfjs-node-gpu");
    t.throws(() => parseBackendName("tpu"), {
      message: /unknown backend "tpu"/,
    });
    if (!installed("@tensorflow/tfjs-node")) {
      await t.throwsAsync(selectBackend("tfjs-node"), {
        message: /backend tfjs-node is unavailable: .*not installed/,
      });
      t.is(
        tf.getBackend(),
        "wasm",
        "a failed override leaves the active backend alone",
      );
    }
  },
);

test.serial(
  "gradients are registered and wasm has every needed kernel",
  async (t) => {
    await selectBackend("wasm");
    t.true(gradientsRegistered());
    t.deepEqual(missingKernels("wasm"), []);
    t.deepEqual(missingKernels("cpu"), []);
    t.true(NEEDED_KERNELS.includes("Conv2DBackpropFilter"));
  },
);

test.serial(
  "doctor reports each backend, versions, SIMD/threads and missing kernels",
  async (t) => {
    const text = await doctor();
    t.regex(text, /selected backend: \w+/);
    t.regex(text, /wasm\s+found \(version 4\.\d+\.\d+, SIMD on, 1 thread\)/);
    t.regex(text, /tfjs-node\s+(found|not found)/);
    t.regex(text, /webgpu\s+(found|not found)/);
    t.regex(text, /kernels: all \d+ needed kernels present/);
    t.regex(text, /StridedSlice/); // tfjs has no gradient for it: doctor says so
    t.log(text);
  },
);
