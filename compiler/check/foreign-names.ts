/**
 * Names a user brings from PyTorch, Keras or TensorFlow, and what DL calls them: layer and loss
 * classes (`MaxPool2d`, `Linear`, `CrossEntropyLoss`), argument names (`kernel_size`, `strides`,
 * `learning_rate`) and tensor methods (`.parameters()`, `.float()`, `.view()`). Edit distance
 * finds typos but not these (`MaxPool2d` is nearer `maxpool1d` than `maxpool`), so the checker
 * asks this table first.
 */

/** A DL name to suggest, or a note saying what DL does instead (or both). */
export interface ForeignHint {
  /** The DL name, offered as the fix when it exists where the name was used. */
  name?: string;
  /** A sentence on DL's way, added to the message. */
  note?: string;
  /** For an argument: an argument the callee must have for the hint to apply (`beta1`: an Adam-like optimizer). */
  when?: string;
}

/** Layers, losses and functions, keyed by the lower-case name without `_`. */
const names: Record<string, ForeignHint> = {
  linear: { name: "dense" },
  maxpool2d: { name: "maxpool" },
  maxpooling2d: { name: "maxpool" },
  avgpool2d: { name: "avgpool" },
  averagepooling2d: { name: "avgpool" },
  adaptiveavgpool2d: { name: "global_avgpool", note: "adaptive_avgpool(size) pools to a given size" },
  globalaveragepooling2d: { name: "global_avgpool" },
  globalmaxpooling2d: { name: "global_maxpool" },
  batchnorm1d: { name: "batchnorm", note: "batchnorm normalizes the last axis whatever the rank" },
  batchnorm2d: { name: "batchnorm", note: "batchnorm normalizes the last axis whatever the rank" },
  batchnormalization: { name: "batchnorm" },
  layernormalization: { name: "layernorm" },
  convtranspose2d: { name: "conv2d_transpose" },
  conv2dtranspose: { name: "conv2d_transpose" },
  leakyrelu: { name: "leaky_relu" },
  crossentropyloss: { name: "cross_entropy" },
  crossentropy: { name: "cross_entropy" },
  sparsecategoricalcrossentropy: { name: "cross_entropy", note: "cross_entropy takes logits and integer class indices" },
  categoricalcrossentropy: { name: "cross_entropy", note: "cross_entropy takes logits, and class indices or one-hot targets" },
  nll: { name: "cross_entropy", note: "DL has no separate log-softmax + NLL: cross_entropy takes logits and applies log-softmax itself" },
  nllloss: { name: "cross_entropy", note: "DL has no separate log-softmax + NLL: cross_entropy takes logits and applies log-softmax itself" },
  mseloss: { name: "mse" },
  meansquarederror: { name: "mse" },
  l1loss: { name: "l1" },
  bceloss: { name: "bce" },
  binarycrossentropy: { name: "bce" },
  bcewithlogitsloss: { name: "bce_with_logits" },
  shuffle: { note: "shuffling is an argument of batch: batch(64, shuffle=true)" },
  sequential: { note: "a model is a pipeline: return x |> dense(128) |> relu |> dense(10)" },
};

/** Argument names, keyed by the lower-case name; each hint applies where its `name` is an argument. */
const args: Record<string, ForeignHint> = {
  kernelsize: { name: "kernel" },
  poolsize: { name: "kernel" },
  strides: { name: "stride" },
  outchannels: { name: "filters" },
  outfeatures: { name: "units" },
  usebias: { name: "bias" },
  learningrate: { name: "lr" },
  p: { name: "rate" },
  numheads: { name: "heads" },
  inchannels: { note: "the input channels are read from the input's shape" },
  infeatures: { note: "the input width is read from the input's shape" },
  inputshape: { note: "the input's shape comes from the model's `input` declaration" },
  activation: { note: "apply the activation as its own stage, for example dense(128) |> relu" },
  tmax: { name: "total" },
  imagesize: { note: "the image size is two arguments: height=..., width=...", when: "height" },
  targetsize: { note: "the image size is two arguments: height=..., width=...", when: "height" },
  stepsize: { name: "every" },
  numclasses: { name: "classes" },
  momentum: { note: "Adam's momentum terms are beta1 and beta2; momentum SGD is sgd(net, lr=0.01, momentum=0.9)", when: "beta1" },
};

/** Tensor and module methods, by name: DL has functions and pipeline stages instead. */
const methods: Record<string, string> = {
  parameters: "an optimizer takes the model instance itself: adam(net, lr=1e-3)",
  float: 'DL converts with cast: cast(y, "f32")',
  long: 'DL converts with cast: cast(y, "i32")',
  int: 'DL converts with cast: cast(y, "i32")',
  view: "reshape with a pipeline stage, without the batch axis: x |> reshape([784])",
  reshape: "reshape with a pipeline stage, without the batch axis: x |> reshape([784])",
  flatten: "flatten is a pipeline stage: x |> flatten",
  mean: "reductions are functions: mean(x), or mean(x, axis=1)",
  sum: "reductions are functions: sum(x), or sum(x, axis=1)",
  softmax: "softmax is a pipeline stage: x |> softmax",
  cuda: "the device is chosen when running: dl run --backend tfjs-node-gpu, or --engine torch --device cuda",
  to: "the device is chosen when running: dl run --backend tfjs-node-gpu, or --engine torch --device cuda",
  train: "the train block sets training mode itself (on in the loop, off in evaluate)",
  eval: "the train block sets training mode itself (on in the loop, off in evaluate)",
  detach: "gradients flow only to the models a step's optimizer trains; no detach is needed",
  numpy: "tensors stay tensors; metrics are read for you",
  item: "a scalar loss or metric is read for you",
};

const key = (name: string) => name.toLowerCase().replace(/_/g, "");

/** The DL counterpart of a layer, loss or function name from another framework; `known` says which DL names exist. */
export function foreignName(name: string, known: (dl: string) => boolean): ForeignHint | undefined {
  const h = names[key(name)];
  if (!h || (h.name !== undefined && (!known(h.name) || h.name === name))) return h?.note ? { note: h.note } : undefined;
  return h;
}

/** The DL counterpart of an argument name from another framework, among a callee's `argumentNames`. */
export function foreignArgument(name: string, argumentNames: readonly string[]): ForeignHint | undefined {
  const h = args[key(name)];
  if (!h || (h.when !== undefined && !argumentNames.includes(h.when))) return undefined;
  if (h.name !== undefined) return argumentNames.includes(h.name) ? h : undefined;
  // A note about a name the callee does have (`momentum` of sgd) would be wrong.
  return argumentNames.includes(name) ? undefined : h;
}

/** What DL writes instead of the method `.name(...)`, if it is a known framework method. */
export function foreignMethod(name: string): string | undefined {
  return Object.hasOwn(methods, name) ? methods[name] : undefined;
}
