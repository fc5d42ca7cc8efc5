/**
 * Numeric oracle: the standard library's LeNet-5 and ResNet bottleneck (through the generated
 * TypeScript), and the runtime's LSTM, GRU, RNN and multi-head attention, against PyTorch's
 * forward outputs with the same weights (`fixtures/oracles.json` from
 * `fixtures/generate_oracles.py`). Tolerance: max |ours − torch| / max |torch| ≤ 1e-4.
 */
import test from "ava";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { stdlibRoot } from "../../compiler/workspace/workspace.js";
import { useWasm } from "../runtime/fixtures/backend.js";
import { overlay, pipeline } from "./helpers.js";

interface Pattern {
  torchShape: number[];
  perm: number[];
  offset: number;
  scale: number;
  base: number;
}

interface Case {
  name: string;
  wrapper?: string;
  prefix?: string;
  layer?: "LSTM" | "GRU" | "RNN" | "MultiHeadAttention";
  options?: Record<string, unknown>;
  input: Pattern;
  memory?: Pattern;
  mask?: { shape: number[]; values: number[] };
  tensors: (Pattern & { name: string })[];
  output: number[];
  outputShape: number[];
}

const fixture = JSON.parse(readFileSync(new URL("./fixtures/oracles.json", import.meta.url), "utf8")) as { cases: Case[] };
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

function load(vars: Map<string, tf.Variable>, prefix: string, c: Case): void {
  for (const spec of c.tensors) {
    const v = vars.get(prefix + spec.name);
    if (!v) throw new Error(`no variable ${prefix}${spec.name}; have ${[...vars.keys()].join(", ")}`);
    const value = make(spec, v.shape);
    v.assign(value);
    value.dispose();
  }
}

async function forward(c: Case): Promise<tf.Tensor> {
  const x = make(c.input);
  if (c.wrapper) {
    const path = join(stdlibRoot, "..", ".cache", "oracle", `${c.name.replace(/\W+/g, "-")}.dl`);
    overlay.set(path, c.wrapper);
    const emitted = await pipeline.emitted(path);
    if (!emitted.code) throw new Error(emitted.diagnostics.map((d) => d.message).join("\n"));
    mkdirSync(join(path, ".."), { recursive: true });
    const ts = path.replace(/\.dl$/, ".ts");
    writeFileSync(ts, emitted.code);
    const mod = (await import(pathToFileURL(ts).href)) as { Oracle: new (parent: null, name: string) => dl.Module & { apply(x: tf.Tensor, training: boolean): tf.Tensor } };
    const net = new mod.Oracle(null, "net");
    load(net.namedVariables(), `net.${c.prefix}`, c);
    return net.apply(x, false);
  }
  if (c.layer === "MultiHeadAttention") {
    const layer = new dl.layers.MultiHeadAttention(null, "mha", c.options as unknown as dl.layers.MultiHeadAttentionOptions);
    load(layer.namedVariables(), "mha.", c);
    const memory = c.memory ? make(c.memory) : null;
    const mask = c.mask ? tf.tensor(c.mask.values, c.mask.shape) : null;
    return layer.apply(x, memory, mask, false);
  }
  const Layer = dl.layers[c.layer!];
  const layer = new Layer(null, "rnn", c.options as unknown as dl.layers.RecurrentOptions);
  load(layer.namedVariables(), "rnn.", c);
  return layer.apply(x);
}

for (const c of fixture.cases) {
  test.serial(`${c.name} matches PyTorch (relative error ≤ ${tolerance})`, async (t) => {
    const y = await forward(c);
    t.deepEqual(y.shape, c.outputShape);
    const ours = y.dataSync();
    const scale = Math.max(...c.output.map(Math.abs));
    const err = Math.max(...c.output.map((v, i) => Math.abs(ours[i]! - v))) / scale;
    t.log(`relative error ${err.toExponential(2)}`);
    t.true(err <= tolerance, `relative error ${err} > ${tolerance}`);
  });
}
