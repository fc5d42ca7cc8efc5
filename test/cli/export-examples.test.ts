/**
 * `dl export` over every model of every example (freshly initialized weights: the export does not
 * depend on training): the standalone module bundles against the inference runtime without a
 * missing name, and the tfjs layers format either maps, then tf.loadLayersModel's predictions equal
 * the model's own (normwise 1e-5, wasm; models up to 12M parameters), or is refused with the layer and a reason. The log lists
 * which models map and why the others do not.
 */
import test from "ava";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import { bundleModelModule } from "../../cli/export/es-module.js";
import { traceLayersModel } from "../../cli/export/tfjs-layers.js";
import { tracingRuntime } from "../../cli/export/trace.js";
import { importGenerated, loadRuntime } from "../../cli/runtime-module.js";
import { emitTypeScript } from "../../compiler/targets/ts/emit-module.js";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import type { ExportedInfo } from "../../runtime/export/standalone.js";
import type { Module } from "../../runtime/index.js";
import { randomValues, relError, rng } from "../runtime/seeded.js";

const examples = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "examples");
/** Models up to this many parameters are loaded back and compared (ResNet-18's 11.2M included). */
const COMPARE_UP_TO = 12_000_000;
const files = fs.readdirSync(examples).filter((f) => f.endsWith(".dl")).sort();

test("every example's models export: the module bundles, the layers format maps or says why", async (t) => {
  const dl = await loadRuntime();
  await dl.selectBackend("wasm");
  const tfl = await import("@tensorflow/tfjs-layers");
  const pipeline = new DocumentPipeline();
  const rows: string[] = [];
  let mapped = 0;
  for (const file of files) {
    const emitted = await pipeline.emitted(path.join(examples, file));
    t.truthy(emitted.code, `${file} compiles`);
    if (!emitted.code) continue;
    const classes = emitTypeScript({ source: file, models: emitted.compilation.instances.map((i) => i.ir), trains: [] });
    const tracer = tracingRuntime(dl);
    const generated = await importGenerated(emitted.code, tracer.runtime);
    const seen = new Set<string>();
    for (const train of emitted.trains) {
      for (const m of train.models) {
        if (seen.has(m.instance.className)) continue;
        seen.add(m.instance.className);
        const info: ExportedInfo = {
          className: m.instance.className,
          name: m.name,
          source: file,
          train: train.name,
          inputs: m.instance.inputs.map((i) => ({ name: i.name, shape: i.shape.map((d, k) => (k > 0 && d.k === "const" ? d.v : null)), dtype: i.dtype === "i32" ? "int32" : "float32" })),
          parameters: 0,
          weights: [],
          weightsFile: "weights.bin",
        };
        await t.notThrowsAsync(() => bundleModelModule(classes, info, ""), `${file}: ${info.className} bundles`);
        const net = new (generated[info.className] as new (p: null, n: string) => Module & { apply(...a: unknown[]): tf.Tensor })(null, m.name);
        try {
          const layers = traceLayersModel(net, info, tracer);
          if ("refused" in layers) {
            t.regex(layers.refused, /\S/);
            rows.push(`${file} ${info.className}: refused: ${layers.refused}`);
            continue;
          }
          const params = net.parameterCount();
          if (params > COMPARE_UP_TO) {
            rows.push(`${file} ${info.className}: maps (${params.toLocaleString("en-US")} parameters: predictions not compared, to keep the test short)`);
            mapped++;
            continue;
          }
          const encoded = await tf.io.encodeWeights(layers.weights);
          const model = await tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: layers.json.modelTopology as object, weightSpecs: encoded.specs, weightData: encoded.data }));
          const xs = info.inputs.map((i, k) => {
            const shape = [2, ...(i.shape.slice(1) as number[])];
            const v = randomValues(rng(k + 1), shape.reduce((a, b) => a * b, 1));
            return i.dtype === "int32" ? tf.tensor(v.map((x) => Math.floor(Math.abs(x) * 3)), shape, "int32") : tf.tensor(v, shape);
          });
          const want = tf.tidy(() => net.apply(...xs, false));
          const got = model.predict(xs.length === 1 ? xs[0]! : xs) as tf.Tensor;
          const e = relError((await got.data()) as Float32Array, (await want.data()) as Float32Array);
          t.true(e <= 1e-5, `${file} ${info.className}: tf.loadLayersModel differs by ${e}`);
          rows.push(`${file} ${info.className}: maps (${model.layers.length} layers, rel error ${e.toExponential(1)})`);
          mapped++;
          tf.dispose([...xs, want, got]);
          model.dispose();
        } finally {
          net.dispose();
        }
      }
    }
  }
  t.log(`${mapped} of ${rows.length} models map onto tfjs-layers\n${rows.join("\n")}`);
  for (const must of ["LeNet5", "MLP", "ResNet18", "DCGANGenerator32", "DigitSegmenter"]) t.true(rows.some((r) => r.includes(` ${must}: maps`)), `${must} maps`);
});
