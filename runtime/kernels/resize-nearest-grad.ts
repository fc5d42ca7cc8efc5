import * as tf from "@tensorflow/tfjs-core";

/** What both the cpu and the wasm backend offer for building an output. */
interface OutputBackend {
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  makeTensorInfo?(
    shape: number[],
    dtype: tf.DataType,
    values?: tf.backend_util.BackendValues,
  ): tf.TensorInfo;
  makeOutput?(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap?(info: tf.TensorInfo): tf.backend_util.TypedArray;
}

/** Source row/column of output index `i` in the forward nearest-neighbour resize (cpu's exact rule). */
function sourceIndex(
  i: number,
  ratio: number,
  oldSize: number,
  alignCorners: boolean,
  halfPixel: boolean,
): number {
  const frac = halfPixel ? ratio * (i + 0.5) : ratio * i;
  const nearest = Math.min(
    oldSize - 1,
    alignCorners ? Math.round(frac) : Math.floor(frac),
  );
  return halfPixel ? Math.max(0, nearest) : nearest;
}

/**
 * ResizeNearestNeighborGrad for the cpu and wasm backends. tfjs-backend-cpu
 * 4.22 offsets dy by the *image's* batch stride, so every batch element after
 * the first gets the wrong gradient (U-Net/DCGAN upsampling on the cpu
 * backend); its window search also ignores halfPixelCenters. This scatters
 * each dy pixel to the source pixel the forward pass read, using the forward
 * kernel's own index rule, so forward and backward cannot disagree.
 */
export function resizeNearestGrad(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const { images, dy } = args.inputs as {
    images: tf.TensorInfo;
    dy: tf.TensorInfo;
  };
  const alignCorners = Boolean(args.attrs?.["alignCorners"]);
  const halfPixel = Boolean(args.attrs?.["halfPixelCenters"]);
  const [batch, oldH, oldW, depth] = images.shape as [
    number,
    number,
    number,
    number,
  ];
  const [, newH, newW] = dy.shape as [number, number, number, number];
  const ratioH =
    (alignCorners && newH > 1 ? oldH - 1 : oldH) /
    (alignCorners && newH > 1 ? newH - 1 : newH);
  const ratioW =
    (alignCorners && newW > 1 ? oldW - 1 : oldW) /
    (alignCorners && newW > 1 ? newW - 1 : newW);
  const rows = Array.from({ length: newH }, (_, r) =>
    sourceIndex(r, ratioH, oldH, alignCorners, halfPixel),
  );
  const cols = Array.from({ length: newW }, (_, c) =>
    sourceIndex(c, ratioW, oldW, alignCorners, halfPixel),
  );
  const g = (args.backend as unknown as OutputBackend).readSync(
    dy.dataId,
  ) as Float32Array;
  const dx = new Float32Array(batch * oldH * oldW * depth);
  let k = 0;
  for (let b = 0; b < batch; b++) {
    for (let r = 0; r < newH; r++) {
      const rowBase = (b * oldH + rows[r]!) * oldW;
      for (let c = 0; c < newW; c++) {
        const base = (rowBase + cols[c]!) * depth;
        for (let d = 0; d < depth; d++) dx[base + d]! += g[k++]!;
      }
    }
  }
  return writeOutput(
    args.backend as unknown as OutputBackend,
    images.shape,
    dx,
  );
}

function writeOutput(
  backend: OutputBackend,
  shape: number[],
  values: Float32Array,
): tf.TensorInfo {
  if (
    backend.makeOutput !== undefined &&
    backend.typedArrayFromHeap !== undefined
  ) {
    const out = backend.makeOutput(shape, "float32"); // wasm: write straight into its heap
    backend.typedArrayFromHeap(out).set(values);
    return out;
  }
  return backend.makeTensorInfo!(shape, "float32", values);
}
