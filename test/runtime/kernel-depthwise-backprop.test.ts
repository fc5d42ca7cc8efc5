import test from "ava";
import {
  geometry,
  randomPad,
  randomValues,
  refBackpropFilter,
  refDepthwiseBackpropInput,
  relError,
  rng,
  runKernel,
} from "./kernel-test-utils.js";

const TOL = 1e-4;

interface Case {
  xShape: [number, number, number, number];
  filterShape: [number, number, number, number];
  strides: [number, number];
  dilations: [number, number];
  pad: unknown;
  dimRoundingMode?: string;
  label: string;
}

function cases(seed: number, count: number, dilated: boolean): Case[] {
  const r = rng(seed);
  const out: Case[] = [];
  while (out.length < count) {
    const n = r.int(1, 3);
    const h = r.int(1, 10);
    const w = r.int(1, 10);
    const c = r.int(1, 4);
    const m = r.int(1, 3);
    const kh = r.int(1, 4);
    let kw = r.int(1, 4);
    const strides: [number, number] = dilated
      ? [1, 1]
      : [r.int(1, 3), r.int(1, 3)];
    const dilations: [number, number] = dilated
      ? [r.int(1, 3), r.int(1, 3)]
      : [1, 1];
    const p = randomPad(r);
    if (typeof p.pad === "number") {
      // tfjs sizes numeric pads with the height's filter and stride only: keep them square.
      kw = kh;
      strides[1] = strides[0];
      dilations[1] = dilations[0];
    }
    let info;
    try {
      info = geometry(
        [n, h, w, c],
        [kh, kw, c, m],
        strides,
        dilations,
        p.pad,
        p.dimRoundingMode,
        true,
      );
    } catch {
      continue;
    }
    if (info.outHeight <= 0 || info.outWidth <= 0) continue;
    out.push({
      xShape: [n, h, w, c],
      filterShape: [kh, kw, c, m],
      strides,
      dilations,
      pad: p.pad,
      dimRoundingMode: p.dimRoundingMode,
      label: `x=[${n},${h},${w},${c}] k=[${kh},${kw}]×${m} s=${strides} d=${dilations} pad=${p.label}`,
    });
  }
  return out;
}

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
