import test from "ava";
import {
  geometry,
  randomValues,
  refBackpropFilter,
  relError,
  rng,
  runKernel,
  randomConvCases,
  type ConvCase,
} from "./kernel-test-utils.js";

const TOL = 1e-4;

type Case = ConvCase;

const cases = (seed: number, count: number, dilated: boolean): Case[] => randomConvCases(seed, count, { dilated, maxSide: 12, maxKernel: 5, maxOut: 4, depthwise: false });

async function check(
  t: import("ava").ExecutionContext,
  cs: Case[],
  compareCpu: boolean,
): Promise<void> {
  const r = rng(99);
  let worst = 0;
  for (const k of cs) {
    const info = geometry(
      k.xShape,
      k.filterShape,
      k.strides,
      k.dilations,
      k.pad,
      k.dimRoundingMode,
      false,
    );
    const x = randomValues(
      r,
      k.xShape.reduce((a, b) => a * b, 1),
    );
    const dyShape = [
      info.batchSize,
      info.outHeight,
      info.outWidth,
      info.outChannels,
    ];
    const dy = randomValues(
      r,
      dyShape.reduce((a, b) => a * b, 1),
    );
    const attrs: Record<string, unknown> = {
      strides: k.strides,
      pad: k.pad,
      dataFormat: "NHWC",
      dimRoundingMode: k.dimRoundingMode,
      filterShape: k.filterShape,
      dilations: k.dilations,
    };
    const inputs = {
      x: { shape: k.xShape, values: x },
      dy: { shape: dyShape, values: dy },
    };
    const wasm = await runKernel("wasm", "Conv2DBackpropFilter", inputs, attrs);
    t.deepEqual(wasm.shape, k.filterShape, k.label);
    t.is(wasm.leakedTensors, 0, `tensors leaked: ${k.label}`);
    t.is(wasm.leakedBuffers, 0, `wasm buffers leaked: ${k.label}`);
    const ref = refBackpropFilter(info, x, dy, 0);
    const e = relError(wasm.values, ref);
    worst = Math.max(worst, e);
    t.true(e <= TOL, `vs float64 reference, rel error ${e}: ${k.label}`);
    if (compareCpu) {
      const cpu = await runKernel("cpu", "Conv2DBackpropFilter", inputs, attrs);
      const ec = relError(wasm.values, cpu.values);
      worst = Math.max(worst, ec);
      t.true(ec <= TOL, `vs cpu backend, rel error ${ec}: ${k.label}`);
    }
  }
  t.log(`${cs.length} cases, max rel error ${worst.toExponential(2)}`);
}

test.serial(
  "Conv2DBackpropFilter on wasm matches the cpu backend: strides × paddings",
  async (t) => {
    await check(t, cases(1, 60, false), true);
  },
);

test.serial(
  "Conv2DBackpropFilter on wasm honours dilations (float64 oracle; cpu ignores them)",
  async (t) => {
    await check(t, cases(2, 25, true), false);
  },
);

test.serial("Conv2DBackpropFilter on wasm: LeNet-sized layers", async (t) => {
  await check(
    t,
    [
      {
        xShape: [16, 32, 32, 1],
        filterShape: [5, 5, 1, 6],
        strides: [1, 1],
        dilations: [1, 1],
        pad: "valid",
        label: "lenet conv1",
      },
      {
        xShape: [16, 14, 14, 6],
        filterShape: [5, 5, 6, 16],
        strides: [1, 1],
        dilations: [1, 1],
        pad: "valid",
        label: "lenet conv2",
      },
      {
        xShape: [4, 17, 15, 8],
        filterShape: [3, 3, 8, 8],
        strides: [2, 2],
        dilations: [1, 1],
        pad: "same",
        label: "odd same s2",
      },
    ],
    true,
  );
});
