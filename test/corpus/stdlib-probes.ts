/**
 * Probes of the standard library at reduced sizes: for every `model` declaration in `stdlib/`,
 * a train block that applies the model, on its own, to random inputs of batch 2 and minimizes the
 * mean square of its outputs with SGD. Sizes are made small the way a user would shrink a network
 * to try it: widths, depths and class counts from a table by parameter name, symbolic input sizes
 * from another, and spatial sizes (a `size` parameter, `H`/`W`) tried from small to large until
 * the checker accepts the configuration (the smallest valid input the network's strides allow).
 */
import { readFileSync } from "node:fs";
import type * as A from "../../grammar/ast.js";
import { parse } from "../../grammar/parse.js";
import type { Value } from "../../compiler/check/values.js";
import { overlay, pipeline, stdlibFiles, stdSpec } from "../stdlib/helpers.js";

/**
 * Small values of model parameters, by name. Every name is a width, a depth, a count or a length;
 * parameters not listed keep their defaults (rates, kernel sizes, strides, flags, channels).
 */
const smallParams: Record<string, number> = {
  classes: 3,
  hidden: 8,
  code: 4,
  latent: 8,
  nz: 8,
  ngf: 4,
  ndf: 4,
  ch: 4,
  units: 4,
  dim: 4,
  filters: 4,
  width: 4,
  growth: 4,
  base: 4,
  heads: 2,
  d_ff: 8,
  mlp: 8,
  d_model: 8,
  w_dim: 8,
  vocab: 11,
  src_vocab: 11,
  tgt_vocab: 11,
  dim_embed: 8,
  layers: 1,
  depth: 1,
  blocks: 1,
  mapping: 1,
  n: 1,
  n1: 1,
  n2: 1,
  n3: 1,
  n4: 1,
  n5: 1,
  steps: 4,
  features: 4,
  outputs: 3,
  src_len: 4,
  tgt_len: 4,
  observations: 4,
  actions: 2,
  reduction: 2,
  squeeze: 2,
  expand: 2,
  c1: 8,
  c2: 16,
  c3: 32,
  stem: 8,
  last: 16,
  c7: 8,
  r3: 4,
  r5: 4,
  c5: 4,
  pool: 4,
  convs: 1,
  // Networks with a width divisor (`div`) divide every width by it: 16 takes VGG's 64..512 to 4..32.
  div: 16,
};

/** Sizes of symbolic input dimensions other than the batch and spatial ones. */
const smallDims: Record<string, number> = { C: 4, SC: 4, D: 8, N: 8, L: 8, F: 4, T: 4, S: 4 };

/** Spatial sizes tried, smallest first: a `size` parameter, and `H`, `W` (`SH`, `SW` twice as large). */
const spatialLadder = [4, 8, 16, 32, 64, 75, 96, 128, 188, 224];

/**
 * Per-model settings where the name table does not fit: parameters a network needs larger (or
 * divisible) for its own arithmetic. Each says why.
 */
const overrides: Record<string, Record<string, number>> = {
  // A transition halves the channels: with growth 4, two layers per block keep them even (8 + 8 → 8).
  DenseNet121: { n1: 2, n2: 2, n3: 2, n4: 2 },
  // At 4×4 every stage after the stem sees 1×1 maps: batch norm normalizes 2 values a channel,
  // and 23 or 36 blocks of that amplify rounding into Inf (on the torch engine too). 32×32 keeps
  // the first three stages larger than 1×1.
  ResNet101: { size: 32 },
  // Widths of 24 (and 40, 112) take a divisor of 8 at most.
  EfficientNetB0: { div: 8 },
  GoogLeNet: { div: 8 },
  MobileNetV2: { div: 8 },
  ResNet152: { size: 32 },
};

export interface Probe {
  /** `std/vision/resnet`. */
  spec: string;
  model: string;
  /** The call's arguments, `classes=3, size=32`. */
  args: string;
  /** The inputs as the train block builds them, `normal([B, 32, 32, 3])`. */
  inputs: string[];
  /** The train block's name. */
  train: string;
  /** The name the probe imports the model under, and the import. */
  alias: string;
  importLine: string;
  /** The train block. */
  text: string;
  /** The first configuration's checker errors when none was accepted. */
  refused?: string;
}

interface Decl {
  spec: string;
  decl: A.ModelDecl;
  text: string;
}

/** Every model declaration in the standard library, in file order. */
export function stdlibModels(): Decl[] {
  const out: Decl[] = [];
  for (const file of stdlibFiles().sort()) {
    const text = readFileSync(file, "utf8");
    for (const item of parse(text).ast.items) if (item.kind === "ModelDecl") out.push({ spec: stdSpec(file), decl: item, text });
  }
  return out;
}

/** Whether the model's configuration has a spatial size to search (a `size` parameter, `H`/`W` inputs). */
function hasSpatial(d: Decl): boolean {
  return d.decl.params.some((p) => p.name.name === "size") || inputsOf(d).some((i) => i.type.dims.some((e) => e.kind === "Name" && ["H", "W", "SH", "SW"].includes(e.name)));
}

const inputsOf = (d: Decl): A.InputStmt[] => d.decl.body.filter((s): s is A.InputStmt => s.kind === "InputStmt");

/** One configuration: the call's arguments and the inputs' constructors, at spatial size `s`. */
function configure(d: Decl, s: number): { args: string; inputs: string[] } {
  const values = new Map<string, number | string>();
  const args: string[] = [];
  const own = overrides[d.decl.name.name] ?? {};
  for (const p of d.decl.params) {
    const name = p.name.name;
    const small = own[name] ?? (name === "size" ? s : smallParams[name]);
    if (small !== undefined) {
      values.set(name, small);
      args.push(`${name}=${small}`);
    } else if (p.default) values.set(name, d.text.slice(p.default.span.start, p.default.span.end));
    else throw new Error(`${d.spec} ${d.decl.name.name}: parameter '${name}' has no default and no small value in smallParams`);
  }
  const inputs = inputsOf(d).map((i) => {
    const dims = i.type.dims.map((e, k) => {
      if (k === 0) return "B";
      if (e.kind === "Int") return d.text.slice(e.span.start, e.span.end);
      if (e.kind !== "Name") throw new Error(`${d.spec} ${d.decl.name.name}: input ${i.name.name} has a dimension the probe cannot size`);
      const n = e.name;
      if (values.has(n)) return String(values.get(n));
      if (n === "H" || n === "W") return String(s);
      if (n === "SH" || n === "SW") return String(2 * s);
      const v = smallDims[n];
      if (v === undefined) throw new Error(`${d.spec} ${d.decl.name.name}: no small size for the dimension ${n}`);
      return String(v);
    });
    const shape = `[${dims.join(", ")}]`;
    // Integer inputs are token ids or actions: 0 or 1 is valid for every vocabulary.
    if (i.type.dtype.name === "i32") return `cast(uniform(${shape}, 0, 2), "i32")`;
    if (i.name.name === "mask") return `ones(${shape})`;
    return `normal(${shape})`;
  });
  return { args: args.join(", "), inputs };
}

/** The tensors of a model's output as member paths (`""`, `.0`, `.1.0`), floats only. */
function outputPaths(v: Value, path = ""): string[] {
  if (v.t === "tensor") return v.dtype === "f32" ? [path] : [];
  if (v.t === "tuple") return v.items.flatMap((item, k) => outputPaths(item, `${path}.${k}`));
  return [];
}

/** A wrapper model applying `d` to fixed inputs, for the checker; its name is `Probe`. */
function wrapper(d: Decl, c: { args: string; inputs: string[] }): string {
  const names = c.inputs.map((_, k) => `i${k}`);
  const inputs = c.inputs.map((ctor, k) => {
    const m = /\[(.*?)\]/.exec(ctor)!;
    return `  input i${k}: ${ctor.startsWith("cast") ? "i32" : "f32"}[${m[1]}]\n`;
  });
  return `import { ${d.decl.name.name} } from "${d.spec}"\nmodel Probe() {\n${inputs.join("")}  return ${d.decl.name.name}(${[...names, ...(c.args ? [c.args] : [])].join(", ")})\n}\n`;
}

let counter = 0;

/** The probe of one model declaration: the smallest configuration the checker accepts. */
export function probe(d: Decl, index: number): Probe {
  const model = d.decl.name.name;
  const train = `probe_${index}_${model.toLowerCase()}`;
  // Aliased: the probes share one document, and two files may declare the same name.
  const alias = `${model}_${index}`;
  let refused: string | undefined;
  for (const s of hasSpatial(d) ? spatialLadder : [0]) {
    const c = configure(d, s);
    const path = `/probe/wrap-${counter++}.dl`;
    overlay.set(path, wrapper(d, c));
    const checked = pipeline.checked(path);
    overlay.delete(path);
    const errors = checked.diagnostics.filter((x) => x.severity === "error");
    const output = checked.models.get("Probe")?.output;
    if (errors.length || !output) {
      // The largest size's errors: the smaller ones are usually "the input is too small".
      refused = `${c.args}: ${errors.map((x) => `${x.code} ${x.message}`).join("; ")}`;
      continue;
    }
    const outs = outputPaths(output);
    const loss = outs.map((p) => `mean(out${p} * out${p})`).join(" + ");
    const text =
      `train ${train} {\n  data d = blobs(n=4, features=2, centers=2) |> batch(2)\n  model net = ${alias}(${c.args})\n  optimizer opt = sgd(net, lr=0.01)\n  epochs 1\n` +
      `  for (a, b) in d {\n    let out = net(${c.inputs.join(", ")})\n    step opt minimize ${loss}\n  }\n}\n`;
    return { spec: d.spec, model, args: c.args, inputs: c.inputs, train, alias, importLine: `import { ${model} as ${alias} } from "${d.spec}"`, text };
  }
  return { spec: d.spec, model, args: "", inputs: [], train, alias, importLine: "", text: "", refused };
}
