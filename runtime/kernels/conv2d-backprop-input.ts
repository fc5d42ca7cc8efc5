import * as tf from "@tensorflow/tfjs-core";
import { composed, type KernelScope } from "./kernel-scope.js";
import { assertChannelsLast, convGeometry, type Pad } from "./conv-geometry.js";

/** The part of tfjs-backend-wasm's `BackendWasm` this kernel uses. */
interface HeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.backend_util.TypedArray;
}

let inner: tf.KernelFunc | undefined;

/**
 * Remembers tfjs-backend-wasm's own Conv2DBackpropInput, which `conv2DBackpropInputWasm` calls
 * where that is cheaper. Called by registerKernels before it replaces the kernel.
 */
export function setInnerConv2DBackpropInput(kernelFunc: tf.KernelFunc): void {
  inner = kernelFunc;
}

/** Multiply-adds per output row of `len` positions that land on the input (padding skipped). */
function validTaps(outLen: number, inLen: number, k: number, stride: number, dilation: number, pad: number): number {
  let n = 0;
  for (let o = 0; o < outLen; o++) {
    for (let j = 0; j < k; j++) {
      const i = o * stride + j * dilation - pad;
      if (i >= 0 && i < inLen) n++;
    }
  }
  return n;
}

/** How many times slower per multiply-add tfjs's loop nest is than XNNPACK (measured, ≈9). */
const LOOP_NEST_COST = 8;

/**
 * Conv2DBackpropInput for the wasm backend around tfjs-backend-wasm 4.22's, which is a
 * plain loop nest (the largest kernel of a ResNet-18 step: 2.5× the forward convolutions).
 * The loop nest skips the padding, so on images smaller than the kernel (ResNet's last stage
 * at 32×32 input: 1×1) it does far fewer multiply-adds; the cheaper of the two is run.
 *
 * dx[n,h,w,c] = Σ_{kh,kw,f} dy[n,oh,ow,f] · W[kh,kw,c,f] with h = oh·s + kh·d − pt is a
 * stride-1 correlation of the "full-padded" output gradient with the filter rotated by 180°
 * and its channel axes swapped: dy is scattered onto a zero grid P of
 * [N, H + (KH−1)·d, W + (KW−1)·d, F] at (oh·s + (KH−1)·d − pt, ow·s + (KW−1)·d − pl)
 * (entries landing outside P only ever touch x's padding and are dropped), and
 * dx = conv2d(P, W', dilation d, "valid") with W'[kh,kw,f,c] = W[KH−1−kh, KW−1−kw, c, f].
 * The convolution runs on wasm's XNNPACK Conv2D.
 */
export function conv2DBackpropInputWasm(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const attrs = (args.attrs ?? {}) as unknown as {
    strides: number | [number, number];
    pad: Pad;
    dataFormat?: string;
    dimRoundingMode?: "floor" | "round" | "ceil";
    inputShape: [number, number, number, number];
    dilations?: number | [number, number];
  };
  assertChannelsLast("Conv2DBackpropInput", attrs.dataFormat);
  const g = convGeometry(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
  );
  const F = filter.shape[3]!;
  const C = g.inC;
  if (dy.shape[0] !== g.batch || dy.shape[1] !== g.outH || dy.shape[2] !== g.outW || dy.shape[3] !== F) {
    throw new Error(
      `Conv2DBackpropInput: dy shape [${dy.shape}] does not match the forward output ` +
        `[${g.batch},${g.outH},${g.outW},${F}]`,
    );
  }
  const macsLoop =
    g.batch * validTaps(g.outH, g.inH, g.kH, g.strideH, g.dilationH, g.padTop) *
    validTaps(g.outW, g.inW, g.kW, g.strideW, g.dilationW, g.padLeft) * C * F;
  const dilated = (g.dilationH > 1 || g.dilationW > 1);
  const strided = g.strideH > 1 || g.strideW > 1;
  // The phase split does only the multiply-adds that land on the input; the correlation over
  // the zero-inserted grid does strideH·strideW times more.
  const macsOurs =
    (strided && !dilated ? (g.batch * g.inH * g.inW * g.kH * g.kW * C * F) / (g.strideH * g.strideW) : g.batch * g.inH * g.inW * g.kH * g.kW * C * F) +
    g.kH * g.kW * C * F;
  if (inner !== undefined && !dilated && LOOP_NEST_COST * macsLoop < macsOurs) return inner(args) as tf.TensorInfo;
  const backend = args.backend as unknown as HeapBackend;
  if (g.kH === 1 && g.kW === 1) return pointwise(args.backend, backend, dy, filter, g);
  if (strided && !dilated) return phaseSplit(args.backend, backend, dy, filter, g);
  return composed(args.backend, "wasm", (s) => {
    const extH = (g.kH - 1) * g.dilationH;
    const extW = (g.kW - 1) * g.dilationW;
    const PH = g.inH + extH;
    const PW = g.inW + extW;
    const offH = extH - g.padTop;
    const offW = extW - g.padLeft;
    // Allocate first: allocation may grow wasm memory and detach earlier heap views.
    const padded = backend.makeOutput([g.batch, PH, PW, F], "float32");
    s.adopt(padded);
    const P = backend.typedArrayFromHeap(padded);
    const D = backend.typedArrayFromHeap(dy);
    P.fill(0);
    const contiguous = g.strideW === 1 && offW >= 0 && offW + g.outW <= PW;
    for (let n = 0; n < g.batch; n++) {
      for (let oh = 0; oh < g.outH; oh++) {
        const ph = oh * g.strideH + offH;
        if (ph < 0 || ph >= PH) continue;
        const src = ((n * g.outH + oh) * g.outW) * F;
        const dst = (n * PH + ph) * PW;
        if (contiguous) {
          P.set(D.subarray(src, src + g.outW * F), (dst + offW) * F);
          continue;
        }
        for (let ow = 0; ow < g.outW; ow++) {
          const pw = ow * g.strideW + offW;
          if (pw < 0 || pw >= PW) continue;
          P.set(D.subarray(src + ow * F, src + (ow + 1) * F), (dst + pw) * F);
        }
      }
    }
    // W'[kh,kw,f,c] = W[KH−1−kh, KW−1−kw, c, f] in one pass (wasm's Transpose and Reverse
    // take ~10× longer on ResNet's 3×3×512×512 filters).
    const rotated = s.adopt(backend.makeOutput([g.kH, g.kW, F, C], "float32"));
    const R = backend.typedArrayFromHeap(rotated);
    const Wt = backend.typedArrayFromHeap(filter);
    const taps = g.kH * g.kW;
    for (let tap = 0; tap < taps; tap++) {
      const src = tap * C * F;
      const dst = (taps - 1 - tap) * F * C;
      for (let c = 0; c < C; c++) {
        const row = src + c * F;
        for (let f = 0; f < F; f++) R[dst + f * C + c] = Wt[row + f]!;
      }
    }
    const dx = s.call(
      "Conv2D",
      { x: padded, filter: rotated },
      { strides: [1, 1], pad: "valid", dilations: [g.dilationH, g.dilationW], dataFormat: "NHWC" },
    );
    if (dx.shape[3] !== C) throw new Error(`Conv2DBackpropInput: internal shape [${dx.shape}]`);
    return dx;
  });
}

/**
 * A 1×1 convolution's input gradient: dx[n, oh·s − pt, ow·s − pl, :] = dy[n,oh,ow,:] · W[0,0]ᵀ
 * and zero elsewhere. One matrix product [N·OH·OW, F] × [F, C] (BatchMatMul) and a scatter;
 * the full-padded correlation would run on the zero-inserted grid (ResNet's strided 1×1
 * projections: 45× the forward convolution).
 */
function pointwise(
  kernelBackend: tf.KernelBackend,
  backend: HeapBackend,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  g: ReturnType<typeof convGeometry>,
): tf.TensorInfo {
  const C = g.inC;
  const F = filter.shape[3]!;
  return composed(kernelBackend, "wasm", (s) => {
    const rows = s.call("Reshape", { x: dy }, { shape: [1, g.batch * g.outH * g.outW, F] });
    const w = s.call("Reshape", { x: filter }, { shape: [1, C, F] });
    const prod = s.call("BatchMatMul", { a: rows, b: w }, { transposeA: false, transposeB: true }); // [1, N·OH·OW, C]
    const out = backend.makeOutput([g.batch, g.inH, g.inW, C], "float32");
    s.adopt(out);
    const dx = backend.typedArrayFromHeap(out);
    const src = backend.typedArrayFromHeap(prod);
    dx.fill(0);
    for (let n = 0; n < g.batch; n++) {
      for (let oh = 0; oh < g.outH; oh++) {
        const h = oh * g.strideH - g.padTop;
        if (h < 0 || h >= g.inH) continue;
        for (let ow = 0; ow < g.outW; ow++) {
          const w2 = ow * g.strideW - g.padLeft;
          if (w2 < 0 || w2 >= g.inW) continue;
          const from = ((n * g.outH + oh) * g.outW + ow) * C;
          dx.set(src.subarray(from, from + C), ((n * g.inH + h) * g.inW + w2) * C);
        }
      }
    }
    return out;
  });
}

/** One axis of a phase of the strided input gradient (see `phaseSplit`). */
interface AxisPhase {
  /** Input positions r, r + s, r + 2s, ... of this phase: how many. */
  count: number;
  /** First filter tap of the phase; taps first, first + s, ... */
  firstTap: number;
  /** How many taps (0: the phase gets no gradient, only padding lands there). */
  taps: number;
  /** dy index of the phase's input row i is i + offset (outside dy: zero). */
  offset: number;
}

function axisPhase(r: number, inLen: number, k: number, stride: number, pad: number): AxisPhase {
  const count = Math.ceil((inLen - r) / stride);
  const firstTap = (r + pad) % stride;
  const taps = firstTap < k ? Math.ceil((k - firstTap) / stride) : 0;
  const base = (r + pad - firstTap) / stride;
  return { count, firstTap, taps, offset: base - (taps - 1) };
}

/**
 * A strided convolution's input gradient split by phase (sub-pixel): for the input rows
 * h = s·q + r only the taps kh ≡ r + pt (mod s) contribute, dx[s·q + r] = Σ_j dy[q + b − j] ·
 * W[kh₀ + s·j] with b = (r + pt − kh₀)/s, so each of the s_h·s_w phases is a stride-1 valid
 * correlation of dy (shifted, zero-extended) with the sub-filter of its taps, reversed and with
 * its channel axes swapped, on XNNPACK's Conv2D; the phases are then interleaved into dx. This
 * does the multiply-adds of the loop nest without its padding checks, and s_h·s_w times fewer
 * than the correlation over the zero-inserted grid (ResNet's stride-2 3×3 layers: 4×).
 */
function phaseSplit(
  kernelBackend: tf.KernelBackend,
  backend: HeapBackend,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  g: ReturnType<typeof convGeometry>,
): tf.TensorInfo {
  const C = g.inC;
  const F = filter.shape[3]!;
  return composed(kernelBackend, "wasm", (s) => {
    const out = backend.makeOutput([g.batch, g.inH, g.inW, C], "float32");
    s.adopt(out);
    backend.typedArrayFromHeap(out).fill(0);
    for (let rh = 0; rh < Math.min(g.strideH, g.inH); rh++) {
      const ph = axisPhase(rh, g.inH, g.kH, g.strideH, g.padTop);
      if (ph.taps === 0) continue;
      for (let rw = 0; rw < Math.min(g.strideW, g.inW); rw++) {
        const pw = axisPhase(rw, g.inW, g.kW, g.strideW, g.padLeft);
        if (pw.taps === 0) continue;
        const part = phase(s, backend, dy, filter, g, ph, pw, F);
        // Views after the last allocation: allocating may grow wasm memory.
        const dx = backend.typedArrayFromHeap(out);
        const src = backend.typedArrayFromHeap(part);
        for (let n = 0; n < g.batch; n++) {
          for (let q = 0; q < ph.count; q++) {
            const h = q * g.strideH + rh;
            const from = (n * ph.count + q) * pw.count * C;
            const to = (n * g.inH + h) * g.inW * C;
            if (g.strideW === 1) {
              dx.set(src.subarray(from, from + pw.count * C), to + rw * C);
              continue;
            }
            for (let qw = 0; qw < pw.count; qw++) {
              const at = to + (qw * g.strideW + rw) * C;
              const f0 = from + qw * C;
              for (let c = 0; c < C; c++) dx[at + c] = src[f0 + c]!;
            }
          }
        }
        s.release(part);
      }
    }
    return out;
  });
}

/** One phase's part of dx: [N, ph.count, pw.count, C]. */
function phase(
  s: KernelScope,
  backend: HeapBackend,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  g: ReturnType<typeof convGeometry>,
  ph: AxisPhase,
  pw: AxisPhase,
  F: number,
): tf.TensorInfo {
  const C = g.inC;
  const PH = ph.count + ph.taps - 1;
  const PW = pw.count + pw.taps - 1;
  const shifted = s.adopt(backend.makeOutput([g.batch, PH, PW, F], "float32"));
  const sub = s.adopt(backend.makeOutput([ph.taps, pw.taps, F, C], "float32"));
  const P = backend.typedArrayFromHeap(shifted);
  const D = backend.typedArrayFromHeap(dy);
  P.fill(0);
  // Columns i of the shifted grid that come from dy: 0 ≤ i + offset < outW.
  const i0 = Math.max(0, -pw.offset);
  const i1 = Math.min(PW, g.outW - pw.offset);
  for (let n = 0; n < g.batch; n++) {
    for (let i = 0; i < PH; i++) {
      const oh = i + ph.offset;
      if (oh < 0 || oh >= g.outH || i1 <= i0) continue;
      const src = ((n * g.outH + oh) * g.outW + i0 + pw.offset) * F;
      P.set(D.subarray(src, src + (i1 - i0) * F), ((n * PH + i) * PW + i0) * F);
    }
  }
  // sub[a, b, f, c] = W[kh₀ + s_h·(Jh−1−a), kw₀ + s_w·(Jw−1−b), c, f]
  const R = backend.typedArrayFromHeap(sub);
  const W = backend.typedArrayFromHeap(filter);
  for (let a = 0; a < ph.taps; a++) {
    const kh = ph.firstTap + g.strideH * (ph.taps - 1 - a);
    for (let b = 0; b < pw.taps; b++) {
      const kw = pw.firstTap + g.strideW * (pw.taps - 1 - b);
      const src = (kh * g.kW + kw) * C * F;
      const dst = (a * pw.taps + b) * F * C;
      for (let c = 0; c < C; c++) {
        const row = src + c * F;
        for (let f = 0; f < F; f++) R[dst + f * C + c] = W[row + f]!;
      }
    }
  }
  const part = s.call("Conv2D", { x: shifted, filter: sub }, { strides: [1, 1], pad: "valid", dilations: [1, 1], dataFormat: "NHWC" });
  s.release(shifted);
  s.release(sub);
  return part;
}
