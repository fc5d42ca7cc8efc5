/**
 * The layer registry: every entry documents itself and its arguments, and the shape rules of the
 * first set of layers match the table in `layer-shapes.json` (input shapes and a call; the output
 * shape and parameter count, or the diagnostic code).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { dataOps, dataSources } from "../../compiler/data/index.js";
import { registry } from "../../compiler/layers/index.js";
import { optimizers } from "../../compiler/optim/optimizers.js";
import { schedules } from "../../compiler/optim/schedules.js";
import { initializers } from "../../compiler/layers/initializers.js";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { Workspace } from "../../compiler/workspace/workspace.js";
import { format } from "../../compiler/shapes/dim.js";
import { repoRoot } from "./golden.js";

const documented: { what: string; doc: string; args: { name: string; doc: string }[] }[] = [
  ...[...registry.values()].map((e) => ({ what: `${e.kind} ${e.name}`, doc: e.doc, args: e.args })),
  ...[...dataSources.values()].map((e) => ({ what: `data source ${e.name}`, doc: e.doc, args: e.args })),
  ...[...dataOps.values()].map((e) => ({ what: `data operation ${e.name}`, doc: e.doc, args: e.args })),
  ...[...optimizers.values()].map((e) => ({ what: `optimizer ${e.name}`, doc: e.doc, args: e.args })),
  ...[...schedules.values()].map((e) => ({ what: `schedule ${e.name}`, doc: e.doc, args: e.args })),
  ...[...initializers.values()].map((e) => ({ what: `initializer ${e.name}`, doc: e.doc, args: e.args })),
];

test("every registry entry has documentation, and so does each of its arguments", (t) => {
  const problems: string[] = [];
  for (const e of documented) {
    // The first sentence is the summary on hover and completion: it must exist and end.
    if (!/[.!?)`]$/.test(e.doc.trim()) || e.doc.trim().length < 10) problems.push(`${e.what}: doc ${JSON.stringify(e.doc)}`);
    for (const a of e.args) if (a.doc.trim().length < 3) problems.push(`${e.what}: argument '${a.name}' has no doc`);
    const names = e.args.map((a) => a.name);
    if (new Set(names).size !== names.length) problems.push(`${e.what}: argument names repeat: ${names.join(", ")}`);
  }
  t.deepEqual(problems, []);
});

test("registry entries are consistent: kinds, input counts, emitters", (t) => {
  for (const e of registry.values()) {
    t.true(["layer", "loss", "metric", "function"].includes(e.kind), e.name);
    t.true(e.inputs.min <= e.inputs.max, e.name);
    t.is(typeof e.apply, "function", e.name);
    t.is(registry.get(e.name), e, `${e.name} is registered under its own name`);
    if (e.weights) t.is(typeof e.construct, "function", `${e.name} has weights, so it must construct a layer`);
  }
});

interface ShapeCase {
  inputs: (string | number)[][];
  call: string;
  output?: (string | number)[];
  params?: number | string;
  error?: string;
}

const table = JSON.parse(readFileSync(join(repoRoot, "test/compiler/layer-shapes.json"), "utf8")) as { cases: ShapeCase[] };
const path = join(repoRoot, "test/compiler/__shapes__.dl");
let current = "";
const pipeline = new DocumentPipeline(new Workspace({ read: (p) => (p === path ? current : undefined) }));

/** Checks one call on the given input shapes; returns what the table compares. */
function checkShapes(c: ShapeCase): { output?: string[]; params?: string; errors: string[] } {
  const inputs = c.inputs.map((s, i) => `  input x${i}: f32[${s.join(", ")}]`).join("\n");
  const body = c.inputs.length === 1 && !/\bx0\b/.test(c.call) ? `x0 |> ${c.call}` : c.call;
  current = `model ShapeCase() {\n${inputs}\n  return ${body}\n}\n`;
  const checked = pipeline.checked(path);
  const errors = checked.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code}: ${d.message}`);
  const m = checked.models.get("ShapeCase");
  if (!m || m.output.t !== "tensor") return { errors };
  return { output: m.output.shape.map((d) => format(d)), params: format(m.frame.trainable), errors };
}

for (const c of table.cases) {
  const title = `${c.call} on ${c.inputs.map((s) => `[${s.join(", ")}]`).join(", ")}`;
  test(`shape rule: ${title}`, (t) => {
    const got = checkShapes(c);
    if (c.error) {
      t.deepEqual(got.errors.map((e) => e.slice(0, 6)), [c.error], got.errors.join("\n"));
      return;
    }
    t.deepEqual(got.errors, []);
    t.deepEqual(got.output, c.output!.map(String));
    if (c.params !== undefined) t.is(got.params, String(c.params));
  });
}
