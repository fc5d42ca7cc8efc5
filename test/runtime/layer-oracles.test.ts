/**
 * Layer oracle: single layers (activations, conv1d, 1-D and ceil-mode pooling, bilinear
 * upsampling, norms without affine parameters, recurrent layers without bias) compiled from a DL
 * wrapper, against PyTorch (`fixtures/layer-oracles.json` from `fixtures/generate_layer_oracles.py`):
 * the checker's static parameter count and the runtime's equal PyTorch's, and the forward output
 * with the same weights agrees to max |ours − torch| / max |torch| ≤ 1e-4.
 */
import test from "ava";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import type * as dl from "dl-lang/runtime";
import { format } from "../../compiler/shapes/dim.js";
import { stdlibRoot } from "../../compiler/workspace/workspace.js";
import { overlay, pipeline } from "../stdlib/helpers.js";
import { useWasm } from "./fixtures/backend.js";

interface Pattern {
  torchShape: number[];
  perm: number[];
  offset: number;
  scale: number;
  base: number;
}

interface Case {
  name: string;
  wrapper: string;
  params: number;
  input: Pattern;
  tensors: (Pattern & { name: string })[];
  output: number[];
  outputShape: number[];
}

const fixture = JSON.parse(readFileSync(new URL("./fixtures/layer-oracles.json", import.meta.url), "utf8")) as { cases: Case[] };
const tolerance = 1e-4;

test.before(useWasm);

/** `base + scale·sin(0.7·i + offset)` in PyTorch's layout, transposed into DL's. */
function make(p: Pattern, shape?: number[]): tf.Tensor {
  return tf.tidy(() => {
    const n = p.torchShape.reduce((a, b) => a * b, 1);
    const values = Float32Array.from({ length: n }, (_, i) => p.base + p.scale * Math.sin(0.7 * i + p.offset));
    const t = tf.transpose(tf.tensor(values, p.torchShape), p.perm);
    return shape ? tf.reshape(t, shape) : t;
  });
}

type Oracle = dl.Module & { apply(x: tf.Tensor, training: boolean): tf.Tensor };

/** Compiles the wrapper; returns the checker's parameter count and a fresh instance. */
async function compile(c: Case): Promise<{ staticParams: string; net: Oracle }> {
  const path = join(stdlibRoot, "..", ".cache", "layer-oracle", `${c.name.replace(/\W+/g, "-")}.dl`);
  overlay.set(path, c.wrapper);
  const checked = pipeline.checked(path);
  const emitted = await pipeline.emitted(path);
  if (!emitted.code) throw new Error(emitted.diagnostics.map((d) => d.message).join("\n"));
  mkdirSync(join(path, ".."), { recursive: true });
  const ts = path.replace(/\.dl$/, ".ts");
  writeFileSync(ts, emitted.code);
  const mod = (await import(pathToFileURL(ts).href)) as { Oracle: new (parent: null, name: string) => Oracle };
  return { staticParams: format(checked.models.get("Oracle")!.frame.trainable), net: new mod.Oracle(null, "net") };
}

for (const c of fixture.cases) {
  test.serial(`${c.name}: parameters and output match PyTorch`, async (t) => {
    const { staticParams, net } = await compile(c);
    t.is(staticParams, String(c.params), "static parameter count");
    t.is(net.parameterCount(), c.params, "runtime parameter count");
    const vars = net.namedVariables();
    for (const spec of c.tensors) {
      const v = vars.get(`net.${spec.name}`);
      if (!v) return t.fail(`no variable net.${spec.name}; have ${[...vars.keys()].join(", ")}`);
      const value = make(spec, v.shape);
      v.assign(value);
      value.dispose();
    }
    const x = make(c.input);
    const y = net.apply(x, false);
    t.deepEqual(y.shape, c.outputShape);
    const ours = y.dataSync();
    const scale = Math.max(...c.output.map(Math.abs));
    const err = Math.max(...c.output.map((v, i) => Math.abs(ours[i]! - v))) / scale;
    t.log(`relative error ${err.toExponential(2)}`);
    t.true(err <= tolerance, `relative error ${err} > ${tolerance}`);
    tf.dispose([x, y]);
    net.dispose();
  });
}
