/**
 * The weights the checker lists for a model (`Frame.weights`, what `init` and `freeze` match
 * against) are the variables the generated class creates: same names under the model, same
 * shapes, same trainable flags, for every model class of every example.
 */
import test from "ava";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as dl from "dl-lang/runtime";
import { constValue } from "../../compiler/shapes/dim.js";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { repoRoot } from "./golden.js";

const pipeline = new DocumentPipeline();
const examples = readdirSync(join(repoRoot, "examples")).filter((f) => f.endsWith(".dl"));
const cache = join(repoRoot, ".cache", "weight-names");

test.before(async () => {
  await dl.selectBackend("cpu");
});

for (const file of examples) {
  test.serial(`examples/${file}: the checker's weight names are the generated classes' variables`, async (t) => {
    const emitted = await pipeline.emitted(join(repoRoot, "examples", file));
    if (!emitted.code) return t.fail(emitted.diagnostics.map((d) => d.message).join("\n"));
    mkdirSync(cache, { recursive: true });
    const module = join(cache, file.replace(/\.dl$/, ".ts"));
    writeFileSync(module, emitted.code);
    const generated = (await import(pathToFileURL(module).href)) as Record<string, new (parent: null, name: string) => dl.Module>;
    let classes = 0;
    for (const instance of emitted.compilation.instances.filter((i) => i.frame.concrete)) {
      const Cls = generated[instance.className];
      if (!Cls) continue;
      const m = new Cls(null, "m");
      const trainable = new Set(m.trainableVariables());
      const actual = [...m.namedVariables()].map(([name, v]) => `${name.slice(2)} [${v.shape.join(", ")}]${trainable.has(v) ? "" : " buffer"}`).sort();
      const expected = instance.frame.weights.map((w) => `${w.name} [${w.shape.map((d) => constValue(d)).join(", ")}]${w.trainable ? "" : " buffer"}`).sort();
      m.dispose();
      t.deepEqual(expected, actual, instance.className);
      classes++;
    }
    t.true(classes > 0);
  });
}
