/**
 * Models on both engines: every standard-library model of test/stdlib/fixtures/param-counts.json
 * has the reference parameter count and the same variables (stable names, tfjs-layout shapes) on
 * the torch engine; and over a committed set of models covering every layer kind the torch
 * engine implements (the codegen goldens and examples below), the forward outputs agree within
 * 1e-5 (relative to the output's scale) from the same weights, written by the tfjs engine and
 * loaded by name into torch.
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { constValue } from "../../compiler/shapes/dim.js";
import { TORCH_RUNTIME_NAMES } from "../../compiler/targets/torch/index.js";
import { bothEngines, driver, tempDir, torchTest } from "./torch-helpers.js";

interface Row {
  file: string;
  model: string;
  reference: number;
  input?: number[];
  call?: string;
}

const fixture = JSON.parse(readFileSync(new URL("../stdlib/fixtures/param-counts.json", import.meta.url), "utf8")) as { models: Row[] };

interface DriverEntry {
  count: number;
  shapes: Record<string, number[]>;
  outputs?: { file: string; shape: number[] }[];
}

torchTest("every standard-library model has the reference parameter count and the same variables on the torch engine", async (t) => {
  const dir = tempDir();
  const models: { id: string; module: string; className: string; reference: number; staticShapes?: Record<string, number[]> }[] = [];
  for (const [i, row] of fixture.models.entries()) {
    const call = row.input ? `x |> ${row.model}(${row.call ?? ""})` : "";
    const src = row.input
      ? `import { ${row.model} } from "${row.file}"\nmodel Wrapper${i}() {\n  input x: f32[B, ${row.input.join(", ")}]\n  return ${call}\n}\n`
      : `import { ${row.model} } from "${row.file}"\n`;
    const file = join(dir, `m${i}.dl`);
    writeFileSync(file, src);
    let engines;
    try {
      engines = await bothEngines(file, dir);
    } catch (err) {
      t.log(`${row.file} ${row.model}: not on the torch engine (${(err as Error).message.slice(0, 160)})`);
      continue;
    }
    const { emitted, py } = engines;
    const wanted = row.input ? `Wrapper${i}` : row.model;
    const instance = emitted.compilation.instances.find((x) => x.model.decl.name.name === wanted && (row.input || x.inputs.length));
    if (!instance) {
      // A model whose input is open (`[B, H, W, C]`) is only emitted where something uses it.
      t.log(`${row.file} ${row.model}: no emitted instance (open input shape); counted by the stdlib fixtures only`);
      continue;
    }
    models.push({ id: `${row.file} ${row.model}${row.input ? ` on [${row.input.join(", ")}]` : ""}`, module: py, className: instance.className, reference: row.reference });
  }
  const spec = join(dir, "spec.json");
  writeFileSync(spec, JSON.stringify({ models }));
  const report = JSON.parse(driver(["forward", spec])) as Record<string, DriverEntry>;
  for (const m of models) t.is(report[m.id]?.count, m.reference, `${m.id}: torch engine count`);
  t.true(models.length >= 5, `${models.length} models compared`);
});

/**
 * Files whose models cover the layer kinds (every dl.layers.* name the torch engine has): the
 * codegen goldens and every example, which between them instantiate the standard library's models.
 */
const forwardFiles = [
  ...readdirSync("test/golden/codegen")
    .filter((f) => f.endsWith(".dl"))
    .map((f) => `test/golden/codegen/${f}`),
  ...readdirSync("examples")
    .filter((f) => f.endsWith(".dl"))
    .map((f) => `examples/${f}`),
  "test/torch/models/sequence-models.dl",
];

/** Deterministic inputs in [-1, 1] (token ids 0..9 for i32 inputs). */
function input(shape: number[], dtype: string, seed: number): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  if (dtype !== "f32") return tf.tensor(Int32Array.from({ length: n }, (_, i) => (i * 7 + seed) % 10), shape, "int32");
  return tf.tensor(Float32Array.from({ length: n }, (_, i) => Math.sin(seed * 7.1 + i * 0.37)), shape);
}

torchTest("every model of the goldens and examples has the same parameters on both engines, and forward outputs agree within 1e-5 from the same weights", async (t) => {
  const dir = tempDir();
  const counts: { id: string; module: string; className: string; reference: number }[] = [];
  const used = new Set<string>();
  const models: { id: string; module: string; className: string; weights: string; inputs: { file: string; shape: number[]; dtype: string }[]; out: string }[] = [];
  const expected = new Map<string, { values: Float32Array; shape: number[] }[]>();
  let n = 0;
  for (const file of forwardFiles) {
    let engines;
    try {
      engines = await bothEngines(file, dir);
    } catch (err) {
      t.log(`${file}: not on the torch engine (${(err as Error).message.slice(0, 120)})`);
      continue;
    }
    const { emitted, ts, py, dl } = engines;
    for (const name of readFileSync(py, "utf8").match(/dl\.layers\.\w+/g) ?? []) used.add(name);
    for (const inst of emitted.compilation.instances) {
      const Cls = ts[inst.className] as (new (p: null, n: string) => InstanceType<typeof dl.Module> & { apply(...a: unknown[]): tf.Tensor | tf.Tensor[] }) | undefined;
      if (!Cls || inst.inputs.some((i) => i.shape.slice(1).some((d) => constValue(d) === undefined))) continue;
      const id = `${file} ${inst.className}`;
      const reference = constValue(inst.frame.trainable)!;
      counts.push({ id: `${id} (count)`, module: py, className: inst.className, reference });
      // Big models (AlexNet, VGG) are compared by count only: their weights would take seconds to write.
      if (reference > 2_000_000) continue;
      // Noise drawn inside a model (a denoiser's input noise) differs between the engines' generators.
      if (Cls.toString().includes("dl.random.")) continue;
      const net = new Cls(null, "m");
      t.is(net.parameterCount(), reference, `${id}: tfjs engine count`);
      const base = join(dir, `f${n++}`);
      await dl.checkpoint.writeWeights(`${base}-weights`, net.namedVariables());
      const xs = inst.inputs.map((i, k) => input([2, ...i.shape.slice(1).map((d) => constValue(d)!)], i.dtype, k + 1));
      const inputs = await Promise.all(
        xs.map(async (x, k) => {
          const f = `${base}-in${k}.bin`;
          const data = await x.data();
          const typed = data as Float32Array | Int32Array;
          writeFileSync(f, Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength));
          return { file: f, shape: x.shape, dtype: inst.inputs[k]!.dtype };
        }),
      );
      let y: tf.Tensor | tf.Tensor[];
      try {
        y = net.apply(...xs, false);
      } catch (err) {
        t.log(`${id}: the tfjs engine cannot run it (${(err as Error).message.slice(0, 100)})`);
        net.dispose();
        continue;
      }
      const ys = Array.isArray(y) ? y : [y];
      expected.set(id, await Promise.all(ys.map(async (o) => ({ values: (await o.data()) as Float32Array, shape: o.shape }))));
      tf.dispose([...xs, ...ys]);
      net.dispose();
      models.push({ id, module: py, className: inst.className, weights: `${base}-weights`, inputs, out: `${base}-out` });
    }
  }
  const spec = join(dir, "spec.json");
  writeFileSync(spec, JSON.stringify({ models: [...models, ...counts] }));
  const report = JSON.parse(driver(["forward", spec])) as Record<string, DriverEntry>;
  for (const c of counts) t.is(report[c.id]?.count, c.reference, `${c.id}: torch engine count`);
  for (const m of models) {
    const want = expected.get(m.id)!;
    const got = report[m.id]!.outputs!;
    t.is(got.length, want.length, `${m.id}: outputs`);
    want.forEach((w, k) => {
      t.deepEqual(got[k]!.shape, w.shape, `${m.id}: output ${k} shape`);
      const bytes = readFileSync(got[k]!.file);
      const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      const scale = w.values.reduce((a, v) => Math.max(a, Math.abs(v)), 1);
      let worst = 0;
      w.values.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - values[i]!))));
      t.true(worst <= 1e-5 * scale, `${m.id}: output ${k} differs by ${worst} (scale ${scale})`);
    });
  }
  const layers = [...TORCH_RUNTIME_NAMES].filter((n) => n.startsWith("dl.layers."));
  t.deepEqual(layers.filter((l) => !used.has(l)), [], "every layer of the torch engine is covered");
  t.log(`${counts.length} models counted, ${models.length} compared forward`);
});
