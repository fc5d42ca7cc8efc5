import test from "ava";
import {
  geometry,
  randomValues,
  refBackpropFilter,
  refDepthwiseBackpropInput,
  relError,
  rng,
  runKernel,
  randomConvCases,
  type ConvCase,
} from "./kernel-test-utils.js";

const TOL = 1e-4;

type Case = ConvCase;

const cases = (seed: number, count: number, dilated: boolean): Case[] => randomConvCases(seed, count, { dilated, maxSide: 10, maxKernel: 4, maxOut: 3, depthwise: true });

async function check(
  t: import("ava").ExecutionContext,
  cs: Case[],
  compareCpu: boolean,
): Promise<void> {
  const r = rng(7);
  let worstInput = 0;
  let worstFilter = 0;
  for (const k of cs) {
    const info = geometry(
      k.xShape,
      k.filterShape,
      k.strides,
      k.dilations,
      k.pad,
      k.dimRoundingMode,
      true,
    );
    const mult = k.filterShape[3];
    const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
    const dyShape = [
      info.batchSize,
      info.outHeight,
      info.outWidth,
      info.outChannels,
    ];
    const x = randomValues(r, size(k.xShape));
    const filter = randomValues(r, size(k.filterShape));
    const dy = randomValues(r, size(dyShape));
    const common = {
      strides: k.strides,
      dilations: k.dilations,
      pad: k.pad,
      dimRoundingMode: k.dimRoundingMode,
    };

    const inputAttrs = { ...common, inputShape: k.xShape };
    const inputIns = {
      dy: { shape: dyShape, values: dy },
      filter: { shape: k.filterShape, values: filter },
    };
    const dx = await runKernel(
      "wasm",
      "DepthwiseConv2dNativeBackpropInput",
      inputIns,
      inputAttrs,
    );
    t.deepEqual(dx.shape, k.xShape, k.label);
    t.is(
      dx.leakedTensors + dx.leakedBuffers,
      0,
      `leak in BackpropInput: ${k.label}`,
    );
    const eIn = relError(
      dx.values,
      refDepthwiseBackpropInput(info, dy, filter, mult),
    );
    t.true(
      eIn <= TOL,
      `BackpropInput vs float64, rel error ${eIn}: ${k.label}`,
    );
    worstInput = Math.max(worstInput, eIn);

    const filterAttrs = { ...common, filterShape: k.filterShape };
    const filterIns = {
      x: { shape: k.xShape, values: x },
      dy: { shape: dyShape, values: dy },
    };
    const dw = await runKernel(
      "wasm",
      "DepthwiseConv2dNativeBackpropFilter",
      filterIns,
      filterAttrs,
    );
    t.deepEqual(dw.shape, k.filterShape, k.label);
    t.is(
      dw.leakedTensors + dw.leakedBuffers,
      0,
      `leak in BackpropFilter: ${k.label}`,
    );
    const eF = relError(dw.values, refBackpropFilter(info, x, dy, mult));
    t.true(eF <= TOL, `BackpropFilter vs float64, rel error ${eF}: ${k.label}`);
    worstFilter = Math.max(worstFilter, eF);

    if (compareCpu) {
      const dxCpu = await runKernel(
        "cpu",
        "DepthwiseConv2dNativeBackpropInput",
        inputIns,
        inputAttrs,
      );
      const dwCpu = await runKernel(
        "cpu",
        "DepthwiseConv2dNativeBackpropFilter",
        filterIns,
        filterAttrs,
      );
      const a = relError(dx.values, dxCpu.values);
      const b = relError(dw.values, dwCpu.values);
      t.true(a <= TOL, `BackpropInput vs cpu, rel error ${a}: ${k.label}`);
      t.true(b <= TOL, `BackpropFilter vs cpu, rel error ${b}: ${k.label}`);
      worstInput = Math.max(worstInput, a);
      worstFilter = Math.max(worstFilter, b);
    }
  }
  t.log(
    `${cs.length} cases, max rel error: input ${worstInput.toExponential(2)}, filter ${worstFilter.toExponential(2)}`,
  );
}

test.serial(
  "depthwise backprops on wasm match the cpu backend: strides × paddings × multipliers",
  async (t) => {
    await check(t, cases(11, 50, false), true);
  },
);

test.serial(
  "depthwise backprops on wasm honour dilations (float64 oracle)",
  async (t) => {
    await check(t, cases(12, 25, true), false);
  },
);

test.serial(
  "depthwise backprops on wasm: MobileNet-like 3×3 stride-2 layer",
  async (t) => {
    await check(
      t,
      [
        {
          xShape: [8, 16, 16, 32],
          filterShape: [3, 3, 32, 1],
          strides: [2, 2],
          dilations: [1, 1],
          pad: "same",
          label: "dw s2",
        },
        {
          xShape: [8, 8, 8, 16],
          filterShape: [3, 3, 16, 2],
          strides: [1, 1],
          dilations: [1, 1],
          pad: "same",
          label: "dw s1 ×2",
        },
      ],
      true,
    );
  },
);
