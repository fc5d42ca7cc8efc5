/**
 * Initializers by DL name, the values of a layer's `init=`, `bias_init=` and `recurrent_init=`
 * arguments: `dense(10, init=normal(0.02))`, `lstm(64, recurrent_init=orthogonal)`. Written as a
 * name or a call; their arguments are ordinary compile-time numbers and strings. Each emits a
 * `dl.init` initializer; the parameter count does not change.
 */
import type { ArgSpec, Args } from "../registry/types.js";

export interface InitializerEntry {
  name: string;
  doc: string;
  args: ArgSpec[];
  /** Needs a kernel's fan-in and fan-out (rank ≥ 2), so it cannot initialize a bias. */
  fans: boolean;
  check?(args: Args): string | undefined;
  /** The `dl.init` expression. */
  emit(args: Args): string;
}

const distribution = (d: string): ArgSpec => ({ name: "distribution", type: "string", default: `"${d}"`, values: ["normal", "uniform"], doc: "Draw from a normal or a uniform distribution of the same variance." });
const positive = (name: string) => (a: Args) => ((a[name] as number) > 0 ? undefined : `${name} must be positive, but it is ${a[name] as number}`);

const list: InitializerEntry[] = [
  { name: "zeros", doc: "All zeros (torch.nn.init.zeros_).", args: [], fans: false, emit: () => "dl.init.zeros" },
  { name: "ones", doc: "All ones (torch.nn.init.ones_).", args: [], fans: false, emit: () => "dl.init.ones" },
  {
    name: "constant",
    doc: "The same value everywhere (torch.nn.init.constant_).",
    args: [{ name: "value", type: "float", doc: "The value." }],
    fans: false,
    emit: (a) => `dl.init.constant(${a.value as number})`,
  },
  {
    name: "normal",
    doc: "Normal N(mean, std²) (torch.nn.init.normal_); DCGAN's weights are `normal(0.02)`.",
    args: [
      { name: "std", type: "float", default: "1", doc: "Standard deviation." },
      { name: "mean", type: "float", default: "0", doc: "Mean." },
    ],
    fans: false,
    check: positive("std"),
    emit: (a) => `dl.init.normal(${a.std as number}${(a.mean as number) === 0 ? "" : `, ${a.mean as number}`})`,
  },
  {
    name: "uniform",
    doc: "Uniform U(−bound, bound), or U(low, high) with both given (torch.nn.init.uniform_).",
    args: [
      { name: "bound", type: "float", default: "none", doc: "Half-width of the symmetric interval." },
      { name: "low", type: "float", default: "none", doc: "Lower end (with `high`)." },
      { name: "high", type: "float", default: "none", doc: "Upper end (with `low`)." },
    ],
    fans: false,
    check: (a) => {
      const sym = a.bound !== undefined;
      const range = a.low !== undefined || a.high !== undefined;
      if (sym === range || (range && (a.low === undefined || a.high === undefined))) return "give either bound, or both low and high";
      if (sym && !((a.bound as number) > 0)) return `bound must be positive, but it is ${a.bound as number}`;
      if (range && !((a.high as number) > (a.low as number))) return `high must exceed low, but ${a.high as number} ≤ ${a.low as number}`;
      return undefined;
    },
    emit: (a) => (a.bound !== undefined ? `dl.init.uniform(${a.bound as number})` : `dl.init.uniformRange(${a.low as number}, ${a.high as number})`),
  },
  {
    name: "kaiming",
    doc:
      "Kaiming (He et al. 2015), as torch.nn.init.kaiming_normal_ / kaiming_uniform_: standard deviation `gain / √fan`, " +
      "gain √2 for ReLU (PyTorch's default is leaky_relu with a = 0, the same √2).",
    args: [
      { name: "mode", type: "string", default: '"fan_in"', values: ["fan_in", "fan_out"], doc: "Preserve the variance of activations (`fan_in`) or of gradients (`fan_out`)." },
      { name: "nonlinearity", type: "string", default: '"leaky_relu"', values: ["relu", "leaky_relu", "linear", "tanh", "sigmoid"], doc: "The activation after the layer, for the gain." },
      { name: "a", type: "float", default: "0", doc: "Negative slope of leaky_relu." },
      distribution("normal"),
    ],
    fans: true,
    emit: (a) =>
      `dl.init.kaiming({ mode: ${JSON.stringify(a.mode)}, nonlinearity: ${JSON.stringify(a.nonlinearity)}, a: ${a.a as number}, distribution: ${JSON.stringify(a.distribution)} })`,
  },
  {
    name: "xavier",
    doc: "Xavier/Glorot (Glorot & Bengio 2010), as torch.nn.init.xavier_uniform_ / xavier_normal_: standard deviation `gain·√(2 / (fan_in + fan_out))`.",
    args: [{ name: "gain", type: "float", default: "1", doc: "Scale factor." }, distribution("uniform")],
    fans: true,
    check: positive("gain"),
    emit: (a) => `dl.init.xavier({ gain: ${a.gain as number}, distribution: ${JSON.stringify(a.distribution)} })`,
  },
  {
    name: "orthogonal",
    doc: "A (semi-)orthogonal matrix times `gain` (Saxe et al. 2014), as torch.nn.init.orthogonal_; the usual choice for recurrent kernels (`recurrent_init=orthogonal`).",
    args: [{ name: "gain", type: "float", default: "1", doc: "Scale factor." }],
    fans: true,
    check: positive("gain"),
    emit: (a) => `dl.init.orthogonal(${a.gain as number})`,
  },
];

/** All initializers by name. */
export const initializers: ReadonlyMap<string, InitializerEntry> = new Map(list.map((e) => [e.name, e]));

/** The argument specs of a layer with weights: `init` for its kernels, `bias_init` when it has a bias. */
export function initArgs(o: { bias?: boolean; recurrent?: boolean } = {}): ArgSpec[] {
  const out: ArgSpec[] = [{ name: "init", type: "init", default: "none", doc: "Initializer of the kernel (PyTorch's default when absent): `normal(0.02)`, `kaiming`, `xavier`, `orthogonal`, ..." }];
  if (o.recurrent) out.push({ name: "recurrent_init", type: "init", default: "none", doc: "Initializer of the hidden-to-hidden kernels, such as `orthogonal`." });
  if (o.bias !== false) out.push({ name: "bias_init", type: "init", default: "none", values: list.filter((e) => !e.fans).map((e) => e.name), doc: "Initializer of the bias: `zeros`, `ones`, `constant(v)`, `normal(...)`, `uniform(...)`." });
  return out;
}

/** The options text `, init: ..., biasInit: ...` for a layer's constructor, empty when all are defaults. */
export function initOptions(a: Args): string {
  const parts: string[] = [];
  if (a.init !== undefined) parts.push(`init: ${a.init as string}`);
  if (a.recurrent_init !== undefined) parts.push(`recurrentInit: ${a.recurrent_init as string}`);
  if (a.bias_init !== undefined) parts.push(`biasInit: ${a.bias_init as string}`);
  return parts.length ? `, ${parts.join(", ")}` : "";
}
