import * as tf from "@tensorflow/tfjs-core";

/** Padding as tfjs kernels accept it. */
export type Pad = "valid" | "same" | number | tf.backend_util.ExplicitPadding;

/** Geometry of a forward 2-D convolution: what its backprop kernels must undo. */
export interface ConvGeometry {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  outH: number;
  outW: number;
  kH: number;
  kW: number;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
  padTop: number;
  padLeft: number;
}

/**
 * Computes the forward convolution's geometry with the very function the
 * forward kernels use (`computeConv2DInfo`), so that "same" padding, explicit
 * paddings and rounding modes resolve to exactly the offsets the forward pass used.
 */
export function convGeometry(
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  strides: number | [number, number],
  dilations: number | [number, number] | undefined,
  pad: Pad,
  dimRoundingMode: "floor" | "round" | "ceil" | undefined,
  depthwise: boolean,
): ConvGeometry {
  const info = tf.backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    strides,
    dilations ?? 1,
    pad,
    dimRoundingMode,
    depthwise,
    "channelsLast",
  );
  return {
    batch: info.batchSize,
    inH: info.inHeight,
    inW: info.inWidth,
    inC: info.inChannels,
    outH: info.outHeight,
    outW: info.outWidth,
    kH: info.filterHeight,
    kW: info.filterWidth,
    strideH: info.strideHeight,
    strideW: info.strideWidth,
    dilationH: info.dilationHeight,
    dilationW: info.dilationWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

/** Rejects NCHW: the wasm forward convolutions are NHWC-only, so no NCHW gradient can be asked for. */
export function assertChannelsLast(kernel: string, dataFormat: unknown): void {
  if (
    dataFormat !== undefined &&
    dataFormat !== "NHWC" &&
    dataFormat !== "channelsLast"
  ) {
    throw new Error(
      `${kernel} (dl-lang wasm kernel) supports NHWC only, got dataFormat ${String(dataFormat)}`,
    );
  }
}
