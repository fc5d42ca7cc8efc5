/**
 * The TensorFlow.js layers format of `dl export` (`tfjs/model.json` + `tfjs/weights.bin`, read by
 * `tf.loadLayersModel`): a functional Keras model built from the traced forward pass (trace.ts),
 * where every call maps onto tfjs-layers. What maps:
 * - layers: Conv2D (explicit padding as ZeroPadding2D; not grouped, not stride with dilation),
 *   Dense, BatchNorm (inference: the running statistics), LayerNorm, Dropout, DropPath (as the identity);
 * - DepthwiseConv2D and SeparableConv2D (explicit padding as ZeroPadding2D);
 * - Conv2DTranspose ("same", "valid", explicit padding as Cropping2D; no output padding);
 * - ops: relu, relu6, tanh, sigmoid, selu, softplus, silu (swish), mish, elu, leakyRelu, softmax,
 *   flatten, reshape, add, mul, concat, max/avg pooling ("same", "valid"; explicit padding as
 *   ZeroPadding2D for average pooling, and for max pooling of inputs ≥ 0), global average/max
 *   pooling, nearest upsampling, zero padding and cropping.
 * Anything else is refused with the call and the reason (a recurrent layer's PyTorch gate layout,
 * attention, transposed or grouped convolutions, a model parameter, arithmetic with numbers ...):
 * the ES module export covers every model.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Module } from "../../runtime/index.js";
import type { ExportedInfo } from "../../runtime/export/standalone.js";
import type { Trace, TracedArg, TracedCall, tracingRuntime } from "./trace.js";

/** A Keras layer of the functional model, with its inbound tensors and its weights. */
interface KerasLayer {
  class_name: string;
  name: string;
  config: Record<string, unknown>;
  /** The layers whose outputs it takes, resolved when it is added (an identity's output is its input's id). */
  inbound: string[];
  weights: { name: string; tensor: tf.Tensor }[];
}

/** The layers model, or why the model does not map. */
export type LayersExport = { json: Record<string, unknown>; weights: { name: string; tensor: tf.Tensor }[] } | { refused: string };

class Refused extends Error {}

/**
 * The tfjs layers model of `net` (a generated class imported with `tracer`'s runtime), traced on
 * zeros of its inputs' shapes (batch 2), or why it does not map.
 */
export function traceLayersModel(net: Module, info: Pick<ExportedInfo, "inputs" | "className">, tracer: ReturnType<typeof tracingRuntime>): LayersExport {
  const open = info.inputs.find((i) => i.shape.slice(1).some((d) => d === null));
  if (open) return { refused: `input ${open.name} has a size the model leaves open; the layers format is written for fixed sizes` };
  const inputs = info.inputs.map((i) => ({ name: i.name, tensor: tf.zeros([2, ...(i.shape.slice(1) as number[])], i.dtype) }));
  try {
    return toLayersModel(tracer.trace(net as never, inputs), info.inputs, info.className);
  } finally {
    tf.dispose(inputs.map((i) => i.tensor));
  }
}

const refuse = (call: TracedCall, why: string): never => {
  throw new Refused(`${call.kind === "layer" ? `${call.layer.path} (${call.type})` : `ops.${call.name}`}: ${why}`);
};

const ACTIVATIONS: Record<string, string> = { relu: "relu", relu6: "relu6", tanh: "tanh", sigmoid: "sigmoid", selu: "selu", silu: "swish", mish: "mish" };

/**
 * The tfjs layers model of a traced forward pass (inputs with their shapes and dtypes), or the
 * first call that does not map. Weight tensors are the model's own variables (not copied).
 */
export function toLayersModel(trace: Trace, inputs: { name: string; shape: (number | null)[]; dtype: string }[], modelName: string): LayersExport {
  if (trace.problem) return { refused: trace.problem };
  const layers: KerasLayer[] = [];
  const names = new Set<string>();
  /** The Keras layer (name) whose output is tensor `id`. */
  const producer = new Map<number, string>();
  const unique = (base: string): string => {
    let name = base.replace(/[^A-Za-z0-9_]/g, "_");
    for (let i = 1; names.has(name); i++) name = `${base}_${i}`;
    names.add(name);
    return name;
  };
  for (const [i, input] of trace.inputs.entries()) {
    const name = unique(input.name);
    const spec = inputs[i]!;
    layers.push({ class_name: "InputLayer", name, config: { batch_input_shape: spec.shape, dtype: spec.dtype, sparse: false, name }, inbound: [], weights: [] });
    producer.set(input.id, name);
  }
  /** Adds a layer taking tensors `inbound`; returns its name. */
  const add = (class_name: string, base: string, config: Record<string, unknown>, inbound: number[], weights: KerasLayer["weights"] = [], output?: number): string => {
    const name = unique(base);
    const from = inbound.map((id) => producer.get(id));
    if (from.some((n) => n === undefined)) throw new Error(`dl export: a tensor of ${name} has no producer`);
    layers.push({ class_name, name, config: { name, trainable: true, dtype: "float32", ...config }, inbound: from as string[], weights });
    if (output !== undefined) producer.set(output, name);
    return name;
  };
  /** A chain whose last layer produces `output`: intermediate layers get synthetic tensor ids. */
  let synthetic = -1;
  const chain = (steps: Array<[string, string, Record<string, unknown>, KerasLayer["weights"]?]>, input: number, output: number): void => {
    let t = input;
    for (const [k, [cls, base, config, weights]] of steps.entries()) {
      const out = k === steps.length - 1 ? output : synthetic--;
      add(cls, base, config, [t], weights ?? [], out);
      t = out;
    }
  };
  /** Tensors known to be ≥ 0 (after relu, sigmoid, softmax ...): zero padding then equals −∞ padding for max pooling. */
  const nonNegative = new Set<number>();
  try {
    for (const call of trace.calls) {
      mapCall(call, chain, add);
      const first = call.args[0] && "tensor" in call.args[0] ? call.args[0].tensor : undefined;
      if (call.kind === "op" && (NON_NEGATIVE.has(call.name) || (KEEPS_SIGN.has(call.name) && first !== undefined && nonNegative.has(first)))) nonNegative.add(call.output);
      if (call.kind === "layer" && call.type === "Dropout" && first !== undefined && nonNegative.has(first)) nonNegative.add(call.output);
    }
  } catch (e) {
    if (e instanceof Refused) return { refused: e.message };
    throw e;
  }
  const node = (layer: string): [string, number, number, Record<string, never>] => [layer, 0, 0, {}];
  const json = {
    format: "layers-model",
    generatedBy: "dl export",
    convertedBy: "dl export",
    modelTopology: {
      class_name: "Model",
      keras_version: "tfjs-layers 4.22.0",
      backend: "tensor_flow.js",
      config: {
        name: modelName,
        layers: layers.map((l) => ({ class_name: l.class_name, name: l.name, config: l.config, inbound_nodes: l.inbound.length ? [l.inbound.map(node)] : [] })),
        input_layers: trace.inputs.map((i) => [producer.get(i.id)!, 0, 0]),
        output_layers: [[producer.get(trace.output!)!, 0, 0]],
      },
    },
  };
  return { json, weights: layers.flatMap((l) => l.weights.map((w) => ({ name: `${l.name}/${w.name}`, tensor: w.tensor }))) };

  function mapCall(call: TracedCall, chainOf: typeof chain, addLayer: typeof add): void {
    const tensors = call.args.filter((a): a is { tensor: number } => "tensor" in a).map((a) => a.tensor);
    const x = tensors[0];
    const base = call.kind === "layer" ? layerName(call.layer) : call.name;
    if (call.kind === "layer") {
      const vars = variables(call.layer);
      if (x === undefined || tensors.length !== 1) refuse(call, "takes more than one tensor");
      const o = (call.layer as unknown as { options: Record<string, unknown> }).options ?? {};
      switch (call.type) {
        case "Dense":
          return chainOf([["Dense", base, { units: o.units, activation: "linear", use_bias: vars.bias !== undefined }, weightsOf(vars, ["kernel", "bias"])]], x!, call.output);
        case "Conv2D": {
          const l = call.layer as unknown as { stride: number[]; dilation: number[]; groups: number; padding: unknown };
          if (l.groups !== 1) refuse(call, `a grouped convolution (groups=${l.groups}); tfjs-layers' Conv2D has no groups`);
          if (l.stride.some((s) => s > 1) && l.dilation.some((d) => d > 1)) refuse(call, "stride and dilation both above 1, which tfjs-layers' Conv2D refuses");
          const conv: [string, string, Record<string, unknown>, KerasLayer["weights"]] = [
            "Conv2D",
            base,
            { filters: o.filters, kernel_size: o.kernel, strides: l.stride, padding: l.padding === "same" ? "same" : "valid", data_format: "channels_last", dilation_rate: l.dilation, activation: "linear", use_bias: vars.bias !== undefined },
            weightsOf(vars, ["kernel", "bias"]),
          ];
          if (Array.isArray(l.padding)) return chainOf([["ZeroPadding2D", `${base}_pad`, { padding: l.padding, data_format: "channels_last" }], conv], x!, call.output);
          return chainOf([conv], x!, call.output);
        }
        case "DepthwiseConv2D":
        case "SeparableConv2D": {
          const separable = call.type === "SeparableConv2D";
          const stride = (o.stride as number[] | undefined) ?? [1, 1];
          const dilation = (o.dilation as number[] | undefined) ?? [1, 1];
          const padding = o.padding ?? "valid";
          if (stride.some((v) => v > 1) && dilation.some((d) => d > 1)) refuse(call, "stride and dilation both above 1, which tfjs-layers' DepthwiseConv2D refuses");
          const conv: [string, string, Record<string, unknown>, KerasLayer["weights"]] = [
            separable ? "SeparableConv2D" : "DepthwiseConv2D",
            base,
            { ...(separable ? { filters: o.filters } : {}), kernel_size: o.kernel, strides: stride, padding: padding === "same" ? "same" : "valid", depth_multiplier: o.multiplier ?? 1, data_format: "channels_last", dilation_rate: dilation, activation: "linear", use_bias: vars.bias !== undefined },
            // dl's kernels [kh, kw, C, multiplier] (and [1, 1, C·multiplier, filters]) are tfjs-layers' own layouts.
            [w("depthwise_kernel", (separable ? vars.depthwise : vars.kernel)!), ...(separable ? [w("pointwise_kernel", vars.pointwise!)] : []), ...(vars.bias ? [w("bias", vars.bias)] : [])],
          ];
          if (Array.isArray(padding)) return chainOf([["ZeroPadding2D", `${base}_pad`, { padding, data_format: "channels_last" }], conv], x!, call.output);
          return chainOf([conv], x!, call.output);
        }
        case "Conv2DTranspose": {
          if (o.outputPadding) refuse(call, "output_padding (tfjs-layers' Conv2DTranspose adds the bias before padding, dl after)");
          const padding = o.padding ?? "valid";
          const deconv: [string, string, Record<string, unknown>, KerasLayer["weights"]] = [
            "Conv2DTranspose",
            base,
            { filters: o.filters, kernel_size: o.kernel, strides: o.stride ?? [1, 1], padding: padding === "same" ? "same" : "valid", data_format: "channels_last", dilation_rate: [1, 1], activation: "linear", use_bias: vars.bias !== undefined },
            weightsOf(vars, ["kernel", "bias"]),
          ];
          // dl's kernel is [kh, kw, filters, inChannels], the layout tfjs-layers keeps; explicit padding crops.
          if (Array.isArray(padding)) return chainOf([deconv, ["Cropping2D", `${base}_crop`, { cropping: padding, data_format: "channels_last" }]], x!, call.output);
          return chainOf([deconv], x!, call.output);
        }
        case "BatchNorm": {
          const l = call.layer as unknown as { momentum: number; eps: number };
          const affine = vars.gamma !== undefined;
          return chainOf(
            [["BatchNormalization", base, { axis: -1, momentum: 1 - l.momentum, epsilon: l.eps, center: affine, scale: affine }, [...(affine ? [w("gamma", vars.gamma!), w("beta", vars.beta!)] : []), w("moving_mean", vars.runningMean!), w("moving_variance", vars.runningVar!)]]],
            x!,
            call.output,
          );
        }
        case "LayerNorm": {
          const affine = vars.gamma !== undefined;
          return chainOf([["LayerNormalization", base, { axis: -1, epsilon: o.eps ?? 1e-5, center: affine, scale: affine }, affine ? [w("gamma", vars.gamma!), w("beta", vars.beta!)] : []]], x!, call.output);
        }
        case "Dropout":
          return chainOf([["Dropout", base, { rate: o.rate }]], x!, call.output);
        case "DropPath":
          // Identity at inference, the only mode an exported model runs in.
          return chainOf([["Activation", base, { activation: "linear" }]], x!, call.output);
        case "LSTM":
        case "GRU":
        case "RNN":
          return refuse(call, "recurrent layers keep PyTorch's gate order and two bias vectors, which tfjs-layers' recurrent layers do not");
        default:
          return refuse(call, "no tfjs-layers layer that dl maps it to (the ES module export runs it)");
      }
    }
    const value = (i: number): unknown => (call.args[i] && "value" in call.args[i]! ? (call.args[i] as { value: unknown }).value : undefined);
    const single = (): number => {
      if (x === undefined || call.args.length === 0 || !("tensor" in call.args[0]!)) refuse(call, "its input is not a tensor");
      return x!;
    };
    const act = ACTIVATIONS[call.name];
    if (act) return chainOf([["Activation", base, { activation: act }]], single(), call.output);
    switch (call.name) {
      case "softplus":
        if ((value(1) ?? 1) !== 1) refuse(call, "softplus with beta ≠ 1");
        return chainOf([["Activation", base, { activation: "softplus" }]], single(), call.output);
      case "elu":
        return chainOf([["ELU", base, { alpha: value(1) ?? 1 }]], single(), call.output);
      case "leakyRelu":
        return chainOf([["LeakyReLU", base, { alpha: value(1) ?? 0.01 }]], single(), call.output);
      case "softmax":
        return chainOf([["Softmax", base, { axis: value(1) ?? -1 }]], single(), call.output);
      case "flatten":
        return chainOf([["Flatten", base, { data_format: "channels_last" }]], single(), call.output);
      case "reshape":
        return chainOf([["Reshape", base, { target_shape: value(1) }]], single(), call.output);
      case "globalAvgPool":
        return chainOf([["GlobalAveragePooling2D", base, { data_format: "channels_last" }]], single(), call.output);
      case "globalMaxPool":
        return chainOf([["GlobalMaxPooling2D", base, { data_format: "channels_last" }]], single(), call.output);
      case "upsample":
        return chainOf([["UpSampling2D", base, { size: value(1), interpolation: "nearest", data_format: "channels_last" }]], single(), call.output);
      case "zeroPad":
        return chainOf([["ZeroPadding2D", base, { padding: value(1), data_format: "channels_last" }]], single(), call.output);
      case "crop":
        return chainOf([["Cropping2D", base, { cropping: value(1), data_format: "channels_last" }]], single(), call.output);
      case "maxPool":
      case "avgPool":
        return pooling(call, single(), value(1) as { size: number[]; stride?: number[]; padding?: unknown; ceilMode?: boolean }, chainOf, base, nonNegative.has(single()));
      case "add":
      case "mul": {
        if (tensors.length !== 2 || call.args.length !== 2) refuse(call, `${call.name} with a number (tfjs-layers has no layer for arithmetic with constants)`);
        if (call.shape.length !== 0 && tensors.length === 2) {
          // Keras merge layers need equal shapes (batch aside); broadcasting is refused.
          addLayer(call.name === "add" ? "Add" : "Multiply", base, {}, tensors, [], call.output);
          return;
        }
        return refuse(call, "not a tensor result");
      }
      case "concat": {
        const list = call.args[0] && "tensors" in call.args[0] ? call.args[0].tensors : undefined;
        if (!list) refuse(call, "its inputs are not tensors");
        addLayer("Concatenate", base, { axis: value(1) ?? -1 }, list!, [], call.output);
        return;
      }
      default:
        return refuse(call, "no tfjs-layers layer computes it (the ES module export runs it)");
    }
  }
}

/** Ops whose outputs are never negative, and ops that keep an input's sign (of their first input). */
const NON_NEGATIVE = new Set(["relu", "relu6", "sigmoid", "softmax", "abs"]);
const KEEPS_SIGN = new Set(["maxPool", "avgPool", "reshape", "flatten", "upsample", "zeroPad", "crop", "globalAvgPool", "globalMaxPool"]);

function pooling(call: TracedCall, x: number, o: { size: number[]; stride?: number[]; padding?: unknown; ceilMode?: boolean }, chainOf: (steps: Array<[string, string, Record<string, unknown>, { name: string; tensor: tf.Tensor }[]?]>, input: number, output: number) => void, base: string, nonNegative: boolean): void {
  const max = call.kind === "op" && call.name === "maxPool";
  const cls = max ? "MaxPooling2D" : "AveragePooling2D";
  const stride = o.stride ?? o.size;
  const padding = o.padding ?? "valid";
  const pool = (pad: string): [string, string, Record<string, unknown>] => [cls, base, { pool_size: o.size, strides: stride, padding: pad, data_format: "channels_last" }];
  if (padding === "same" || padding === "valid") {
    if (o.ceilMode) refuse(call, "ceil_mode (tfjs-layers pools floor the output size)");
    return chainOf([pool(padding)], x, call.output);
  }
  if (max && !nonNegative) refuse(call, "explicit max-pool padding pads with −∞ and tfjs-layers' ZeroPadding2D with 0, the same only for inputs ≥ 0 (after relu, sigmoid, softmax)");
  if (o.ceilMode) refuse(call, "ceil_mode (tfjs-layers pools floor the output size)");
  const [ph, pw] = typeof padding === "number" ? [padding, padding] : (padding as number[]);
  chainOf([["ZeroPadding2D", `${base}_pad`, { padding: [[ph, ph], [pw, pw]], data_format: "channels_last" }], pool("valid")], x, call.output);
}

/** A layer's name in the Keras model: its module path without the root model (dots as underscores). */
function layerName(m: Module): string {
  return m.path.split(".").slice(1).join("_") || m.path;
}

/** A layer's own variables by short name (`kernel`, `bias`, `gamma`, ...). */
function variables(m: Module): Record<string, tf.Variable> {
  const out: Record<string, tf.Variable> = {};
  for (const [name, v] of m.namedVariables()) out[name.slice(m.path.length + 1)] = v;
  return out;
}

const w = (name: string, tensor: tf.Tensor) => ({ name, tensor });

function weightsOf(vars: Record<string, tf.Variable>, names: string[]): { name: string; tensor: tf.Tensor }[] {
  return names.filter((n) => vars[n] !== undefined).map((n) => w(n, vars[n]!));
}

export type { TracedArg };
