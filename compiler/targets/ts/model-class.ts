/**
 * A model's IR as a `dl.Module` subclass: one field per layer with weights, sub-model and
 * learnable tensor (typed by its initializer expression), and `apply` computing the body.
 */
import { registry } from "../../layers/index.js";
import { safeName } from "../../check/names.js";
import { lit } from "../../layers/helpers.js";
import { format as formatDim, formatShape } from "../../shapes/dim.js";
import { outputOperands, paramText, type Field, type ModelIR, type ModelOutput } from "../../ir/model.js";
import { Code } from "./code.js";
import { emitContext, operandCode, renderNodes, usedNodes, type BodyScope } from "./body.js";
import { initCode } from "./lower-args.js";

/** Writes the class of `m`; `classOf` names the classes of the models it uses, by key. */
export function renderModelClass(code: Code, m: ModelIR, classOf: (key: string) => string): void {
  const args = m.params.map((p) => `${p.name}=${paramText(p.value)}`).join(", ");
  const inputs = m.inputs.map((i) => `${i.name}: ${i.dtype}${formatShape(i.shape)}`).join(", ");
  const doc = [...(m.doc ? [...m.doc.split("\n"), ""] : []), `${m.name}(${args}) on ${inputs}.`, `Trainable parameters: ${formatDim(m.trainable)}.`];
  const inputNames = new Map(m.inputs.map((i) => [i.name, safeName(i.name)]));
  const symbols = new Map(Object.entries(m.symbols).map(([s, at]) => [s, `${inputNames.get(at.input)}.shape[${at.axis}]!`]));
  const scope: BodyScope = {
    training: "training",
    rng: "this.rng",
    symbols,
    usedSymbols: new Set(),
    inputs: inputNames,
    usedInputs: new Set(),
    instance: () => {
      throw new Error("a model body applies no train-block instance");
    },
    taken: new Set([...inputNames.values(), "training"]),
    vars: new Map(),
      arrays: new Set(),
    temp: { n: 0 },
  };
  code.doc(doc);
  code.block(`export class ${m.className} extends dl.Module {`, () => {
    for (const f of m.fields) code.line(`readonly ${fieldName(f)} = ${fieldCode(f, scope, classOf)};`);
    if (m.fields.length) code.line("");
    const params = [...m.inputs.map((i) => `${inputNames.get(i.name)}: tf.Tensor`), "training: boolean"].join(", ");
    code.block(`apply(${params}): ${outputType(m.output)} {`, () => {
      renderNodes(code, m.body, scope, usedNodes(m.body, outputOperands(m.output)));
      code.line(`return ${outputCode(m.output, scope)};`);
    });
  });
}

function fieldName(f: Field): string {
  return f.kind === "param" ? safeName(f.name) : f.name;
}

function fieldCode(f: Field, scope: BodyScope, classOf: (key: string) => string): string {
  switch (f.kind) {
    case "layer": {
      const entry = registry.get(f.entry);
      if (!entry?.construct) throw new Error(`registry entry ${f.entry} has no constructor`);
      return entry.construct(emitContext(scope, { args: f.args, inputs: f.inputs, output: f.output, field: f.name }), "this", f.name);
    }
    case "model":
      return `new ${classOf(f.model)}(this, ${JSON.stringify(f.name)})`;
    case "param":
      return `this.param(${JSON.stringify(f.name)}, [${f.shape.map((d) => lit(d)).join(", ")}], ${initCode(f.init)})`;
  }
}

function outputType(o: ModelOutput): string {
  return o.k === "tuple" ? `[${o.items.map(outputType).join(", ")}]` : "tf.Tensor";
}

function outputCode(o: ModelOutput, scope: BodyScope): string {
  return o.k === "tuple" ? `[${o.items.map((i) => outputCode(i, scope)).join(", ")}]` : operandCode(o.value, scope);
}

