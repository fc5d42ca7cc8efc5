/**
 * `dl export`: a run trained here (a small conv net with batch norm, pooling and dropout, on
 * 12 PNG images of 10×10) exported as a standalone ES module, then loaded
 * - in Node, from an app folder whose node_modules has only tfjs-core (and the wasm backend the
 *   test registers): predictions equal DL's own for the same weights, bit for bit;
 * - in headless Chromium (test/browser/harness.ts), model.mjs unmodified behind an import map, on
 *   WebGL and on WebGPU (software: SwiftShader): predictions within 1e-4 (normwise) of Node's.
 * - through tf.loadLayersModel (the tfjs layers format export), in Node (within 1e-6 of DL's) and
 *   in Chromium on WebGL and WebGPU (within 1e-4);
 * and a model that does not map onto tfjs-layers (a grouped convolution) is refused, naming it.
 * Without chromium the browser tests skip (outside CI) with a message naming the package.
 */
import test from "ava";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import { PNG } from "pngjs";
import { main } from "../../cli/main.js";
import { importGenerated, loadRuntime } from "../../cli/runtime-module.js";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import type { ExportedInfo, ExportedModel, WeightsSource } from "../../runtime/export/standalone.js";
import { randomValues, relError, rng } from "../runtime/seeded.js";
import { browserRequired, CHROMIUM_PACKAGE, findChromium, launchChromium, modulePage, openPage, serveFolder, vendorTfjs, waitForModule, webgpuAdapter } from "../browser/harness.js";

/** What model.mjs exports (model.d.mts says the same to an app). */
interface ExportedModule {
  info: ExportedInfo;
  load(weights?: WeightsSource): Promise<ExportedModel>;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dl-export-"));
test.after.always(() => fs.rmSync(tmp, { recursive: true, force: true }));
const at = (...p: string[]): string => path.join(tmp, ...p);
const BROWSER_TOL = 1e-4;

/** Image `i` of class `k`: a bright bar at row 3k+1 over faint noise. */
function writePng(file: string, k: number, i: number): void {
  const png = new PNG({ width: 10, height: 10 });
  for (let p = 0; p < 100; p++) {
    const v = ((p * 37 + i * 11) % 50) + (Math.floor(p / 10) === 3 * k + 1 ? 200 : 0);
    png.data.set([v, v, v, 255], 4 * p);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, PNG.sync.write(png));
}

async function dl(...args: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const { error, log } = console;
  console.error = (...a: unknown[]) => void err.push(a.join(" "));
  console.log = (...a: unknown[]) => void err.push(a.join(" "));
  try {
    return { code: await main(args), err: err.join("\n") };
  } finally {
    Object.assign(console, { error, log });
  }
}

const PROGRAM = (root: string) => `model Tiny() {
  input x: f32[B, 10, 10, 1]
  return x
    |> conv2d(4, kernel=3, padding=1)
    |> batchnorm
    |> relu
    |> maxpool(2)
    |> conv2d(6, kernel=3)
    |> tanh
    |> avgpool(3)
    |> flatten
    |> dropout(0.1)
    |> dense(3)
}

train tiny {
  seed 3
  data train = image_folder(${JSON.stringify(root)}, height=10, width=10, channels=1) |> batch(4, shuffle=true)
  model net = Tiny()
  optimizer opt = adam(net, lr=1e-2, eps=1e-7)
  epochs 2
  for (x, y) in train {
    step opt minimize cross_entropy(net(x), y)
  }
  checkpoint every 1 epoch
}

model Grouped() {
  input x: f32[B, 10, 10, 1]
  return x |> conv2d(4, kernel=3) |> conv2d(4, kernel=3, groups=2) |> flatten |> dense(3)
}

/// Branches and joins, and more of what maps: leaky ReLU, "same" convolutions and pooling, add,
/// concat, layer norm, nearest upsampling, global average pooling, ELU, softmax.
model Branchy() {
  input x: f32[B, 10, 10, 1]
  let stem = x |> conv2d(4, kernel=3, padding=same) |> leaky_relu(alpha=0.2)
  let a = stem |> conv2d(4, kernel=3, padding=same) |> relu
  let b = stem |> maxpool(3, stride=1, padding=same)
  let joined = concat(a + b, stem) |> layernorm
  return joined |> upsample(2) |> avgpool(2) |> global_avgpool |> dense(6) |> elu |> softmax |> dense(3)
}

train branchy {
  seed 4
  data train = image_folder(${JSON.stringify(root)}, height=10, width=10, channels=1) |> batch(6)
  model b = Branchy()
  optimizer opt = adam(b, lr=1e-2)
  epochs 1
  for (x, y) in train {
    step opt minimize cross_entropy(b(x), y)
  }
  checkpoint every 1 epoch
}

train grouped {
  seed 3
  data train = image_folder(${JSON.stringify(root)}, height=10, width=10, channels=1) |> batch(12)
  model g = Grouped()
  optimizer opt = sgd(g, lr=1e-2)
  epochs 1
  for (x, y) in train {
    step opt minimize cross_entropy(g(x), y)
  }
  checkpoint every 1 epoch
}
`;

/** Five examples of the model's input, seeded. */
const SHAPE = [5, 10, 10, 1];
const INPUT = Array.from(randomValues(rng(11), 500), (v) => (v + 1) / 2);

/** DL's own outputs for INPUT: the compiled program's model with the run's weights (wasm). */
let reference: Float32Array;
let layersExportLog = "";
const app = at("app");

test.before(async () => {
  for (let k = 0; k < 3; k++) for (let i = 0; i < 4; i++) writePng(at("images", `c${k}`, `${i}.png`), k, i);
  fs.writeFileSync(at("prog.dl"), PROGRAM(at("images")));
  for (const train of ["tiny", "grouped", "branchy"]) {
    const trained = await dl("run", at("prog.dl"), "--train", train, "--out", at("runs", train), "--backend", "wasm", "--quiet");
    if (trained.code !== 0) throw new Error(trained.err);
  }
  const exported = await dl("export", at("prog.dl"), "--train", "tiny", "--run", at("runs", "tiny"), "-o", at("app", "model"));
  if (exported.code !== 0) throw new Error(exported.err);
  // An app folder: node_modules with tfjs-core only (the repository's, so one engine).
  fs.mkdirSync(at("app", "node_modules", "@tensorflow"), { recursive: true });
  fs.symlinkSync(path.dirname(fileURLToPathOf(import.meta.resolve("@tensorflow/tfjs-core/package.json"))), at("app", "node_modules", "@tensorflow", "tfjs-core"));
  // DL's outputs for the same weights: the generated module with the runtime's loader.
  const rt = await loadRuntime();
  const emitted = await new DocumentPipeline().emitted(at("prog.dl"));
  layersExportLog = exported.err;
  const generated = await importGenerated(emitted.code!);
  const net = new (generated.Tiny as new (p: null, n: string) => import("../../runtime/index.js").predict.Classifier)(null, "net");
  rt.loadWeights(net, at("runs", "tiny"));
  const y = tf.tidy(() => net.apply(tf.tensor(INPUT, SHAPE), false));
  reference = (await y.data()) as Float32Array;
  y.dispose();
  net.dispose();
});

function fileURLToPathOf(url: string): string {
  return new URL(url).pathname;
}

test.serial("dl export writes model.mjs, model.d.mts and weights.bin", (t) => {
  for (const f of ["model.mjs", "model.d.mts", "weights.bin"]) t.true(fs.existsSync(path.join(app, "model", f)), f);
  const code = fs.readFileSync(path.join(app, "model", "model.mjs"), "utf8");
  // Only tfjs-core is imported: no runtime files, no Node modules, no training code.
  const imports = [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
  t.deepEqual([...new Set(imports)], ["@tensorflow/tfjs-core"]);
  // esbuild heads each bundled file with its path: layers and ops, no data, training or files.
  const files = [...code.matchAll(/^\/\/ (\S+\.ts)$/gm)].map((m) => m[1]!);
  t.true(files.includes("runtime/nn/conv2d.ts") && files.includes("runtime/export/standalone.ts"), files.join(" "));
  t.deepEqual(files.filter((f) => /^runtime\/(data|optim|train|checkpoint|backend|report|rl|metrics)\/|run-weights|input\.ts/.test(f)), []);
  // Parameters: conv 4·9+4, batchnorm 4+4, conv 6·4·9+6, dense 6·3+3; weights.bin adds the running statistics.
  const bytes = fs.statSync(path.join(app, "model", "weights.bin")).size;
  t.is(bytes, 4 * (40 + 8 + 222 + 21 + 8));
});

test.serial("an app's tsc accepts model.d.mts and the uses of model.mjs it types", async (t) => {
  const dir = path.join(app, "typed");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, "main.ts"),
    `import * as tf from "@tensorflow/tfjs-core";
import { load, info, type ExportedInfo, type Classified } from "../model/model.mjs";
const recorded: ExportedInfo = info;
const m = await load();
const out: tf.Tensor = m.predict(tf.zeros([1, 10, 10, 1]));
const classes: Classified[] = await m.classify(tf.zeros([1, 10, 10, 1]));
console.log(recorded.parameters, out.shape, classes[0]?.predicted);
// @ts-expect-error: the loader takes bytes, a URL or a path, not a number.
void load(3);
`,
  );
  const config = { compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ["main.ts"] };
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(config));
  const tsc = path.join(import.meta.dirname, "..", "..", "node_modules", "typescript", "bin", "tsc");
  const { spawnSync } = await import("node:child_process");
  const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: dir, encoding: "utf8" });
  t.is(r.status, 0, r.stdout + r.stderr);
});

test.serial("the exported module loads in Node and predicts what DL predicts", async (t) => {
  await tf.setBackend("wasm");
  const m = (await import(pathToFileURL(path.join(app, "model", "model.mjs")).href)) as ExportedModule;
  t.is(m.info.className, "Tiny");
  t.deepEqual(m.info.inputs, [{ name: "x", shape: [null, 10, 10, 1], dtype: "float32" }]);
  const model = await m.load();
  const y = model.predict(tf.tensor(INPUT, SHAPE));
  t.deepEqual(y.shape, [5, 3]);
  const got = (await y.data()) as Float32Array;
  y.dispose();
  t.deepEqual(Array.from(got), Array.from(reference));
  // Numbers (a flat typed array) instead of a tensor, and classify's probabilities.
  const classes = await model.classify(Float32Array.from(INPUT));
  t.is(classes.length, 5);
  for (const c of classes) t.true(Math.abs(c.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-5);
  t.throws(() => model.predict(tf.zeros([2, 8, 8, 1])), { message: "input x: expected shape [B, 10, 10, 1], got [2, 8, 8, 1]" });
  model.dispose();
});

test.serial("exported weights of the wrong size are refused with both sizes", async (t) => {
  const m = (await import(pathToFileURL(path.join(app, "model", "model.mjs")).href)) as ExportedModule;
  await t.throwsAsync(() => m.load(new ArrayBuffer(12)), { message: /the weights of Tiny are 12 bytes; weights\.bin of this export has 1196/ });
});

/** Reads tfjs/model.json and its weights as tf.loadLayersModel's IOHandler (Node has no file:// loader without tfjs-node). */
function filesHandler(dir: string): tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(fs.readFileSync(path.join(dir, "model.json"), "utf8")) as tf.io.ModelJSON;
      const bin = fs.readFileSync(path.join(dir, json.weightsManifest[0]!.paths[0]!));
      return { modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0]!.weights, weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) };
    },
  };
}

test.serial("the TensorFlow.js layers export loads with tf.loadLayersModel and predicts what DL predicts", async (t) => {
  await tf.setBackend("wasm");
  t.regex(layersExportLog, /tfjs\/model\.json and weights\.bin/);
  const tfl = await import("@tensorflow/tfjs-layers");
  const model = await tfl.loadLayersModel(filesHandler(path.join(app, "model", "tfjs")));
  t.deepEqual(model.layers.map((l) => l.getClassName()), ["InputLayer", "ZeroPadding2D", "Conv2D", "BatchNormalization", "Activation", "MaxPooling2D", "Conv2D", "Activation", "AveragePooling2D", "Reshape", "Dropout", "Dense"]);
  t.is(model.countParams(), 40 + 16 + 222 + 21);
  const y = model.predict(tf.tensor(INPUT, SHAPE)) as tf.Tensor;
  const got = (await y.data()) as Float32Array;
  y.dispose();
  const e = relError(got, reference);
  t.log(`tf.loadLayersModel vs DL (wasm): rel error ${e.toExponential(2)}`);
  t.true(e <= 1e-6, String(e));
  model.dispose();
});

test.serial("a model with branches (add, concat, layer norm, upsampling, global pooling, softmax) through tf.loadLayersModel", async (t) => {
  await tf.setBackend("wasm");
  const r = await dl("export", at("prog.dl"), "--train", "branchy", "--run", at("runs", "branchy"), "--format", "tfjs", "-o", path.join(app, "branchy"));
  t.is(r.code, 0, r.err);
  const tfl = await import("@tensorflow/tfjs-layers");
  const model = await tfl.loadLayersModel(filesHandler(path.join(app, "branchy", "tfjs")));
  const classes = model.layers.map((l) => l.getClassName());
  for (const c of ["LeakyReLU", "Add", "Concatenate", "LayerNormalization", "UpSampling2D", "GlobalAveragePooling2D", "ELU", "Softmax"]) t.true(classes.includes(c), `${c} in ${classes.join(", ")}`);
  const m = (await import(pathToFileURL(path.join(app, "branchy", "model.mjs")).href)) as ExportedModule;
  const ours = await m.load();
  const x = tf.tensor(INPUT, SHAPE);
  const want = (await ours.predict(x).data()) as Float32Array;
  const y = model.predict(x) as tf.Tensor;
  const e = relError((await y.data()) as Float32Array, want);
  t.log(`tf.loadLayersModel vs DL (wasm): rel error ${e.toExponential(2)}`);
  t.true(e <= 1e-6, String(e));
  tf.dispose([x, y]);
  ours.dispose();
  model.dispose();
});

test.serial("a model that does not map onto tfjs-layers is refused with the layer and the reason; the ES module is still written", async (t) => {
  const all = await dl("export", at("prog.dl"), "--train", "grouped", "--run", at("runs", "grouped"), "-o", at("grouped-all"));
  t.is(all.code, 0, all.err);
  t.regex(all.err, /export: warning: no TensorFlow\.js layers model \(tfjs\/model\.json\): g\.conv2d_1 \(Conv2D\): a grouped convolution \(groups=2\); tfjs-layers' Conv2D has no groups/);
  t.true(fs.existsSync(at("grouped-all", "model.mjs")));
  t.false(fs.existsSync(at("grouped-all", "tfjs")));
  const strict = await dl("export", at("prog.dl"), "--train", "grouped", "--run", at("runs", "grouped"), "--format", "tfjs", "-o", at("grouped-tfjs"));
  t.is(strict.code, 1);
  t.regex(strict.err, /dl export: error: no TensorFlow\.js layers model/);
  const missing = await dl("export", at("prog.dl"), "--train", "tiny", "--run", at("runs", "nothing"), "-o", at("x"));
  t.is(missing.code, 1);
  t.is(missing.err, `dl export: ${at("runs", "nothing")}: expected a run folder written by dl run, found no such folder`);
});

const chromium = findChromium();
const inBrowser = chromium ? test.serial : test.serial.skip;

test.serial("headless Chromium is found (required under CI)", (t) => {
  if (chromium) t.pass();
  else if (browserRequired) t.fail(`CI=true but no chromium: install ${CHROMIUM_PACKAGE}`);
  else {
    t.log(`browser tests skipped: no chromium (install ${CHROMIUM_PACKAGE})`);
    t.pass();
  }
});

inBrowser("in headless Chromium the exported module predicts Node's outputs on WebGL and WebGPU", async (t) => {
  const site = at("site");
  fs.mkdirSync(site, { recursive: true });
  const map = await vendorTfjs(site);
  fs.cpSync(path.join(app, "model"), path.join(site, "model"), { recursive: true });
  fs.writeFileSync(path.join(site, "index.html"), modulePage({ model: "/model/model.mjs", tf: "@tensorflow/tfjs-core", tfl: "@tensorflow/tfjs-layers" }, map));
  const server = await serveFolder(site);
  const browser = await launchChromium({ webgpu: true });
  try {
    const started = Date.now();
    const { page, errors } = await openPage(browser.browser, server.url);
    await waitForModule(page, errors);
    t.log(`WebGPU adapter: ${await webgpuAdapter(page)}`);
    for (const backend of ["webgl", "webgpu"]) {
      const r = await page.evaluate(
        async (backend, input, shape) => {
          const w = window as unknown as { model: ExportedModule; tf: typeof tf; tfl: typeof import("@tensorflow/tfjs-layers") };
          const tfc = w.tf;
          if (!(await tfc.setBackend(backend))) return { error: `${backend} did not start` };
          const m = w.model;
          const t0 = performance.now();
          const model = await m.load();
          const y = model.predict(tfc.tensor(input, shape));
          const out = Array.from((await y.data()) as Float32Array);
          y.dispose();
          model.dispose();
          const ms = performance.now() - t0;
          // The same weights through tfjs-layers' own loader, over HTTP.
          const layersModel = await w.tfl.loadLayersModel("/model/tfjs/model.json");
          const z = layersModel.predict(tfc.tensor(input, shape)) as tf.Tensor;
          const layersOut = Array.from((await z.data()) as Float32Array);
          z.dispose();
          layersModel.dispose();
          return { backend: tfc.getBackend() as string, out, layersOut, ms };
        },
        backend,
        INPUT,
        SHAPE,
      );
      if ("error" in r) return t.fail(r.error);
      t.is(r.backend, backend);
      const e = relError(r.out, reference);
      const el = relError(r.layersOut, reference);
      t.log(`${backend}: rel error ${e.toExponential(2)} (model.mjs), ${el.toExponential(2)} (tf.loadLayersModel), model.mjs load + predict ${r.ms.toFixed(0)} ms`);
      t.true(e <= BROWSER_TOL, `${backend}: ${e}`);
      t.true(el <= BROWSER_TOL, `${backend} layers model: ${el}`);
    }
    t.deepEqual(errors, []);
    t.log(`browser part ${Date.now() - started} ms`);
  } finally {
    await browser.close();
    await server.close();
  }
});
