/**
 * Writes the TypeScript module of a checked document: one class per model instance (a model
 * specialized to its arguments and input shapes), one program function per train block,
 * formatted by prettier.
 */
import type { ModelInstance } from "../check/compilation.js";
import type { TrainIR } from "../check/train.js";
import { safeName } from "../check/names.js";
import { format as formatDim, formatShape } from "../shapes/dim.js";
import type { Value } from "../check/values.js";

export interface EmitInput {
  /** Source path as shown in the header and in NaN reports. */
  source: string;
  instances: ModelInstance[];
  trains: TrainIR[];
}

/** TypeScript for a whole document, formatted. */
export async function emitModule(input: EmitInput): Promise<string> {
  const parts = [
    `// Generated from ${commentSafe(input.source)} by dl. Do not edit: change the .dl file and compile again.`,
    `import * as tf from "@tensorflow/tfjs-core";`,
    `import * as dl from "dl-lang/runtime";`,
    "",
    ...input.instances.filter((i) => i.frame.emittable).map(emitClass),
    ...input.trains.map((t) => emitTrain(t, input.source)),
  ];
  // Loaded on demand: only compile and run need prettier, and it costs a second to load.
  const prettier = await import("prettier");
  return prettier.format(parts.join("\n"), { parser: "typescript", printWidth: 110 });
}

/**
 * A user name as an object-literal key. `"__proto__": v` would set the object's prototype
 * instead of a property, so that one name is written as a computed key.
 */
function propertyKey(name: string): string {
  return name === "__proto__" ? `[${JSON.stringify(name)}]` : JSON.stringify(name);
}

/** Keeps user text from closing a comment early. */
function commentSafe(text: string): string {
  return text.replace(/\*\//g, "*\\/").replace(/[\r\n\u2028\u2029]+/g, " ");
}

function docComment(lines: string[]): string {
  return ["/**", ...lines.map((l) => ` * ${commentSafe(l)}`), " */"].join("\n");
}

function emitClass(m: ModelInstance): string {
  const decl = m.model.decl;
  const args = m.params.map((p) => `${p.name}=${describeValue(p.value)}`).join(", ");
  const inputs = m.inputs.map((i) => `${i.name}: ${i.dtype}${formatShape(i.shape)}`).join(", ");
  const doc = [
    ...(decl.doc ? decl.doc.split("\n") : []),
    ...(decl.doc ? [""] : []),
    `${decl.name.name}(${args}) on ${inputs}.`,
    `Trainable parameters: ${formatDim(m.frame.trainable)}.`,
  ];
  const fields = m.frame.fields.map((f) => `readonly ${f.name}: ${fieldType(f.construct)};`);
  const constructs = m.frame.fields.map((f) => `this.${f.name} = ${f.construct};`);
  const params = [...m.inputs.map((i) => `${i.ts}: tf.Tensor`), "training: boolean"].join(", ");
  const outputType = tensorType(m.output);
  return [
    docComment(doc),
    `export class ${m.className} extends dl.Module {`,
    ...fields,
    "",
    `constructor(parent: dl.Module | null, name: string, rng?: dl.Rng) {`,
    "super(parent, name, rng);",
    ...constructs,
    "}",
    "",
    `apply(${params}): ${outputType} {`,
    ...m.frame.lines,
    `return ${valueRef(m.output)};`,
    "}",
    "}",
    "",
  ].join("\n");
}

/** The TS type of a field from its constructor call: `new dl.layers.Conv2D(...)` → `dl.layers.Conv2D`. */
function fieldType(construct: string): string {
  // A model's own learnable tensor (`param cls: ...`) is a variable made by Module.param.
  if (construct.startsWith("this.param(")) return "tf.Variable";
  return /^new ([\w.]+)\(/.exec(construct)?.[1] ?? "dl.Module";
}

function tensorType(v: Value): string {
  if (v.t === "tuple") return `[${v.items.map(tensorType).join(", ")}]`;
  return "tf.Tensor";
}

function valueRef(v: Value): string {
  if (v.t === "tensor") return v.ref;
  if (v.t === "tuple") return `[${v.items.map(valueRef).join(", ")}]`;
  throw new Error(`a model output must be tensors, got ${v.t}`);
}

function describeValue(v: Value): string {
  switch (v.t) {
    case "int":
      return formatDim(v.v);
    case "float":
    case "bool":
      return String(v.v);
    case "string":
      return JSON.stringify(v.v);
    default:
      return v.t;
  }
}

function emitTrain(t: TrainIR, source: string): string {
  const models = t.models.map((m) => `const ${m.ts} = new ${m.instance.className}(null, ${JSON.stringify(m.name)}, rng.child(${JSON.stringify(m.name)}));`);
  const optimizers = t.optimizers.map((o) => `const ${o.ts} = ${o.code};`);
  const ts = (model: string) => t.models.find((m) => m.name === model)?.ts ?? safeName(model);
  const freeze = (t.freeze ?? []).map((f) => (f.path ? `${ts(f.model)}.freezeNamed(${JSON.stringify(f.path)});` : `${ts(f.model)}.freeze();`));
  const init = (t.init ?? []).map(
    (i) => `{ model: ${JSON.stringify(i.model)}, ${i.into ? `into: ${JSON.stringify(i.into)}, ` : ""}from: ${JSON.stringify(i.from)}, except: ${JSON.stringify(i.except)}, at: { line: ${i.line}, column: ${i.column} } },`,
  );
  const data = t.data.map((d) => `${propertyKey(d.name)}: ${d.code},`);
  const unpack = (pattern: string[]) => [`const [${pattern.join(", ")}] = batch;`, `const B = batch[0]!.shape[0]!;`];
  const loop = t.loop!;
  const evaluate = t.evaluate
    ? [
        "evaluate: {",
        `over: ${JSON.stringify(t.evaluate.source)},`,
        "metrics: (batch: tf.Tensor[]) => {",
        ...unpack(t.evaluate.pattern),
        ...t.evaluate.lines,
        `return { ${t.evaluate.metrics.map((m) => `${propertyKey(m.name)}: ${m.ref} as tf.Scalar`).join(", ")} };`,
        "},",
        "},",
      ]
    : [];
  return [
    docComment([...(t.decl.doc ? t.decl.doc.split("\n") : []), `The training program \`train ${t.name}\`; run it with dl.run().`]),
    `export function ${safeName(t.name)}(): dl.TrainProgram {`,
    "return {",
    `name: ${JSON.stringify(t.name)},`,
    `source: ${JSON.stringify(source)},`,
    `seed: ${t.seed},`,
    `epochs: ${t.epochs},`,
    ...(t.checkpoint ? [`checkpointEvery: { ${t.checkpoint.unit}: ${t.checkpoint.every} },`] : []),
    ...(t.best ? [`checkpointBest: { metric: ${JSON.stringify(t.best.metric)}, mode: ${JSON.stringify(t.best.mode)} },`] : []),
    ...(t.stopEarly
      ? [`stopEarly: { metric: ${JSON.stringify(t.stopEarly.metric)}, mode: ${JSON.stringify(t.stopEarly.mode)}, patience: ${t.stopEarly.patience} },`]
      : []),
    ...(init.length ? ["init: [", ...init, "],"] : []),
    "build: (rng: dl.Rng) => {",
    ...models,
    ...freeze,
    ...optimizers,
    "return {",
    `models: { ${t.models.map((m) => (m.ts === m.name ? m.ts : `${propertyKey(m.name)}: ${m.ts}`)).join(", ")} },`,
    `optimizers: { ${t.optimizers.map((o) => (o.ts === o.name ? o.ts : `${propertyKey(o.name)}: ${o.ts}`)).join(", ")} },`,
    `data: { ${data.join(" ")} },`,
    "loop: {",
    `over: ${JSON.stringify(loop.source)},`,
    "step: (batch: tf.Tensor[], s: dl.StepContext) => {",
    ...unpack(loop.pattern),
    ...loop.lines,
    "},",
    "},",
    ...evaluate,
    ...(t.samples ? ["samples: (sampleRng: dl.Rng) => {", ...t.samples.lines, `return ${t.samples.ref};`, "},"] : []),
    "};",
    "},",
    "};",
    "}",
    "",
  ].join("\n");
}
