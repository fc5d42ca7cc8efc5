/**
 * A model's IR as a `dl.Module` subclass (an nn.Module over runtime-torch/dl_torch): one field
 * per layer with weights, sub-model and learnable tensor, built in `__init__` in the IR's order
 * (the order weights are created and named in), and `apply` computing the body.
 */
import { registry } from "../../layers/index.js";
import { lit } from "../../layers/helpers.js";
import { format as formatDim, formatShape } from "../../shapes/dim.js";
import { outputOperands, paramText, usedNodes, type Field, type ModelIR, type ModelOutput } from "../../ir/model.js";
import { PythonWriter, pyComment, pyName, pyString } from "./python-writer.js";
import { callContext, operandCode, pyIdent, pythonContext, renderNodes, type PyScope } from "./body.js";
import { initCall } from "./lower-args.js";
import { runtimeCall, type RuntimeNames } from "./runtime-call.js";

/** Writes the class of `m`; `classOf` names the classes of the models it uses, by key. */
export function renderModelClass(w: PythonWriter, m: ModelIR, classOf: (key: string) => string, names: RuntimeNames): void {
  const args = m.params.map((p) => `${p.name}=${paramText(p.value)}`).join(", ");
  const inputs = m.inputs.map((i) => `${i.name}: ${i.dtype}${formatShape(i.shape)}`).join(", ");
  const inputNames = new Map(m.inputs.map((i) => [i.name, pyIdent(i.name)]));
  const symbols = new Map(Object.entries(m.symbols).map(([s, at]) => [s, `${inputNames.get(at.input)}.shape[${at.axis}]`]));
  const scope: PyScope = {
    training: "training",
    rng: "this.rng",
    symbols,
    usedSymbols: new Set(),
    inputs: inputNames,
    usedInputs: new Set(),
    instance: () => {
      throw new Error("a model body applies no train-block instance");
    },
    taken: new Set([...inputNames.values(), "training", "self", "dl", "float"]),
    vars: new Map(),
    temp: { n: 0 },
    names,
  };
  pyComment(w, [...(m.doc ? m.doc.split("\n") : []), `${m.name}(${args}) on ${inputs}.`, `Trainable parameters: ${formatDim(m.trainable)}.`]);
  w.block(`class ${pyName(m.className)}(dl.Module)`, () => {
    if (m.fields.length) {
      w.block("def __init__(self, parent, name, rng=None)", () => {
        w.line("super().__init__(parent, name, rng)");
        for (const f of m.fields) w.line(`self.${fieldName(f)} = ${fieldCode(f, scope, classOf)}`);
      });
      w.line();
    }
    w.block(`def apply(self, ${[...inputNames.values(), "training"].join(", ")})`, () => {
      renderNodes(w, m.body, scope, usedNodes(m.body, outputOperands(m.output)));
      w.line(`return ${outputCode(m.output, scope)}`);
    });
  });
}

function fieldName(f: Field): string {
  return f.kind === "param" ? pyIdent(f.name) : f.name;
}

function fieldCode(f: Field, scope: PyScope, classOf: (key: string) => string): string {
  switch (f.kind) {
    case "layer": {
      const entry = registry.get(f.entry);
      if (!entry?.construct) throw new Error(`registry entry ${f.entry} has no constructor`);
      const ctx = callContext(scope, { args: f.args, inputs: f.inputs, output: f.output, field: f.name });
      const own = entry.lower?.torch?.construct;
      if (own) return own(pythonContext(ctx, scope, f.args), "self", f.name);
      return runtimeCall(entry.construct(ctx, "this", f.name), f.entry, scope.names);
    }
    case "model":
      return `${classOf(f.model)}(self, ${pyString(f.name)})`;
    case "param":
      return `self.param(${pyString(f.name)}, [${f.shape.map((d) => lit(d)).join(", ")}], ${runtimeCall(initCall(f.init), `initializer ${f.init.name}`, scope.names)})`;
  }
}

function outputCode(o: ModelOutput, scope: PyScope): string {
  return o.k === "tuple" ? `[${o.items.map((i) => outputCode(i, scope)).join(", ")}]` : operandCode(o.value, scope);
}

