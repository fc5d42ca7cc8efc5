/**
 * Shared helpers for the kernel tests: a seeded generator, running one kernel
 * on a named backend, leak accounting, and float64 reference convolutions
 * (the CPU backend ignores `dilations` in its depthwise backprops, so dilated
 * cases need an independent oracle).
 */
import * as tf from "@tensorflow/tfjs-core";
import { selectBackend } from "../../runtime/backend/index.js";

export { rng, randomValues, relError } from "./seeded.js";
import { rng } from "./seeded.js";

export interface HostTensor {
  shape: number[];
  values: Float32Array | Int32Array;
  dtype?: "float32" | "int32";
}

let ready: Promise<unknown> | undefined;
/** Initialises wasm (with our kernels) and cpu once per test process. */
export function initBackends(): Promise<unknown> {
  ready ??= (async () => {
    await selectBackend("cpu");
    await selectBackend("wasm");
  })();
  return ready;
}

/**
 * Runs kernel `name` on `backend` and returns its output on the host, plus how
 * many engine tensors and backend data buffers the call left behind (both must
 * be 0: composed kernels make intermediates the engine never sees).
 */
export async function runKernel(
  backend: "wasm" | "cpu",
  name: string,
  inputs: Record<string, HostTensor>,
  attrs: Record<string, unknown>,
): Promise<{
  shape: number[];
  values: Float32Array | Int32Array;
  leakedTensors: number;
  leakedBuffers: number;
}> {
  await initBackends();
  await tf.setBackend(backend);
  // Everything below is synchronous, but concurrent tests could have switched
  // the global backend during the await above: use test.serial with this helper.
  if (tf.getBackend() !== backend)
    throw new Error(
      `backend switched under us: ${tf.getBackend()} ≠ ${backend}`,
    );
  const tensorsBefore = tf.memory().numTensors;
  const buffersBefore = tf.engine().backend.numDataIds();
  const ins: Record<string, tf.Tensor> = {};
  for (const [k, v] of Object.entries(inputs))
    ins[k] = tf.tensor(v.values, v.shape, v.dtype ?? "float32");
  const out = tf
    .engine()
    .runKernel(name, ins, attrs as tf.NamedAttrMap) as tf.Tensor;
  const values = out.dataSync() as Float32Array | Int32Array;
  const shape = out.shape.slice();
  out.dispose();
  for (const t of Object.values(ins)) t.dispose();
  return {
    shape,
    values,
    leakedTensors: tf.memory().numTensors - tensorsBefore,
    leakedBuffers: tf.engine().backend.numDataIds() - buffersBefore,
  };
}

/** Forward geometry, resolved exactly as the kernels resolve it. */
export function geometry(
  xShape: number[],
  filterShape: number[],
  strides: [number, number],
  dilations: [number, number],
  pad: unknown,
  dimRoundingMode: string | undefined,
  depthwise: boolean,
): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    dilations,
    pad as "same",
    dimRoundingMode as "floor" | undefined,
    depthwise,
  );
}

/**
 * Reference dW (float64) for a regular (M = 0) or depthwise (M = multiplier)
 * convolution: dW[kh,kw,c,f] = Σ x[n, oh·s+kh·d−pt, ow·s+kw·d−pl, c] · dy[n,oh,ow,f].
 */
export function refBackpropFilter(
  info: tf.backend_util.Conv2DInfo,
  x: Float32Array,
  dy: Float32Array,
  depthwiseMult: number,
): Float64Array {
  const {
    batchSize: N,
    inHeight: H,
    inWidth: W,
    inChannels: C,
    outHeight: OH,
    outWidth: OW,
  } = info;
  const {
    filterHeight: KH,
    filterWidth: KW,
    strideHeight: sh,
    strideWidth: sw,
  } = info;
  const { dilationHeight: dh, dilationWidth: dw } = info;
  const pt = info.padInfo.top;
  const pl = info.padInfo.left;
  const F = info.outChannels;
  const fPer = depthwiseMult > 0 ? depthwiseMult : F;
  const dW = new Float64Array(KH * KW * C * fPer);
  for (let kh = 0; kh < KH; kh++)
    for (let kw = 0; kw < KW; kw++)
      for (let n = 0; n < N; n++)
        for (let oh = 0; oh < OH; oh++) {
          const h = oh * sh + kh * dh - pt;
          if (h < 0 || h >= H) continue;
          for (let ow = 0; ow < OW; ow++) {
            const w = ow * sw + kw * dw - pl;
            if (w < 0 || w >= W) continue;
            for (let c = 0; c < C; c++) {
              const xv = x[((n * H + h) * W + w) * C + c]!;
              for (let f = 0; f < fPer; f++) {
                const outC = depthwiseMult > 0 ? c * depthwiseMult + f : f;
                dW[((kh * KW + kw) * C + c) * fPer + f]! +=
                  xv * dy[((n * OH + oh) * OW + ow) * F + outC]!;
              }
            }
          }
        }
  return dW;
}

/** Reference dx (float64) of a depthwise convolution with filter [KH,KW,C,M]. */
export function refDepthwiseBackpropInput(
  info: tf.backend_util.Conv2DInfo,
  dy: Float32Array,
  filter: Float32Array,
  mult: number,
): Float64Array {
  const {
    batchSize: N,
    inHeight: H,
    inWidth: W,
    inChannels: C,
    outHeight: OH,
    outWidth: OW,
  } = info;
  const {
    filterHeight: KH,
    filterWidth: KW,
    strideHeight: sh,
    strideWidth: sw,
  } = info;
  const { dilationHeight: dh, dilationWidth: dw } = info;
  const pt = info.padInfo.top;
  const pl = info.padInfo.left;
  const dx = new Float64Array(N * H * W * C);
  for (let n = 0; n < N; n++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++)
        for (let kh = 0; kh < KH; kh++) {
          const h = oh * sh + kh * dh - pt;
          if (h < 0 || h >= H) continue;
          for (let kw = 0; kw < KW; kw++) {
            const w = ow * sw + kw * dw - pl;
            if (w < 0 || w >= W) continue;
            for (let c = 0; c < C; c++)
              for (let m = 0; m < mult; m++)
                dx[((n * H + h) * W + w) * C + c]! +=
                  dy[((n * OH + oh) * OW + ow) * C * mult + c * mult + m]! *
                  filter[((kh * KW + kw) * C + c) * mult + m]!;
          }
        }
  return dx;
}

/**
 * A random padding in every form tfjs accepts, with a rounding mode where it
 * needs one. Callers must make the window square with equal strides when the
 * pad is a number: tfjs 4.22 computes the output width of a numeric pad with
 * the filter height and stride height (computeOutputShape2D), so other shapes
 * get a geometry that no framework would call right.
 */
export function randomPad(r: ReturnType<typeof rng>): {
  pad: unknown;
  dimRoundingMode?: string;
  label: string;
} {
  const kind = r.pick(["same", "valid", "explicit", "number"]);
  if (kind === "same" || kind === "valid") return { pad: kind, label: kind };
  if (kind === "number") {
    const p = r.int(0, 2);
    const mode = r.pick(["floor", "ceil", "round"]);
    return { pad: p, dimRoundingMode: mode, label: `${p}/${mode}` };
  }
  const p = [
    [0, 0],
    [r.int(0, 3), r.int(0, 3)],
    [r.int(0, 3), r.int(0, 3)],
    [0, 0],
  ];
  return { pad: p, label: JSON.stringify(p.slice(1, 3)) };
}

/** A random forward convolution (or depthwise convolution) with a non-empty output. */
export interface ConvCase {
  xShape: [number, number, number, number];
  filterShape: [number, number, number, number];
  strides: [number, number];
  dilations: [number, number];
  pad: unknown;
  dimRoundingMode?: string;
  label: string;
}

/**
 * `count` random convolutions: sides up to `maxSide`, kernels up to `maxKernel`, up to `maxOut`
 * filters (or depthwise multipliers). Dilated cases keep stride 1 (tfjs forbids both at once).
 */
export function randomConvCases(
  seed: number,
  count: number,
  o: {
    dilated: boolean;
    depthwise: boolean;
    maxSide: number;
    maxKernel: number;
    maxOut: number;
  },
): ConvCase[] {
  const r = rng(seed);
  const out: ConvCase[] = [];
  while (out.length < count) {
    const n = r.int(1, 3);
    const h = r.int(1, o.maxSide);
    const w = r.int(1, o.maxSide);
    const c = r.int(1, 4);
    const f = r.int(1, o.maxOut);
    const kh = r.int(1, o.maxKernel);
    let kw = r.int(1, o.maxKernel);
    const strides: [number, number] = o.dilated
      ? [1, 1]
      : [r.int(1, 3), r.int(1, 3)];
    const dilations: [number, number] = o.dilated
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
        [kh, kw, c, f],
        strides,
        dilations,
        p.pad,
        p.dimRoundingMode,
        o.depthwise,
      );
    } catch {
      continue;
    }
    if (info.outHeight <= 0 || info.outWidth <= 0) continue;
    const filters = o.depthwise ? `×${f}` : `→${f}`;
    out.push({
      xShape: [n, h, w, c],
      filterShape: [kh, kw, c, f],
      strides,
      dilations,
      pad: p.pad,
      dimRoundingMode: p.dimRoundingMode,
      label: `x=[${n},${h},${w},${c}] k=[${kh},${kw}]${filters} s=${strides} d=${dilations} pad=${p.label}`,
    });
  }
  return out;
}
