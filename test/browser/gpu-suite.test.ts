/**
 * The GPU kernel suite of test/gpu in headless Chromium, on WebGPU (Dawn on Chromium's own
 * SwiftShader Vulkan, `--enable-unsafe-webgpu`) and on WebGL (ANGLE on SwiftShader), where
 * exported models run. The page (gpu-suite-page.ts) computes everything on the backend and on
 * cpu itself. Tolerances, stated once:
 * - op cases (every kernel in NEEDED_KERNELS, forward and gradient) and gradient-penalty cases
 *   (second derivatives): normwise relative error max|gpu − cpu| / max|cpu| ≤ 1e-4 for the value
 *   and each input gradient (a case's own `tol` where it states one);
 * - 4 training steps of a conv → batchnorm → relu → maxpool → dense net with each runtime
 *   optimizer, every epsilon explicit (webgl's backend epsilon is 1e-4, tensorflow/tfjs#6980):
 *   each loss within 1e-4 · max(1, |cpu loss|) of cpu's, the parameters after within 1e-4
 *   (normwise); on webgl, sgd and momentum meet a tfjs fault from step 3 (the failing test at
 *   the end), so only their first two losses are held to this.
 * Under CI=true a missing chromium fails; elsewhere the suite skips, naming the package.
 */
import test from "ava";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "puppeteer-core";
import { relError } from "../runtime/seeded.js";
import { browserRequired, bundleForBrowser, CHROMIUM_PACKAGE, findChromium, launchChromium, modulePage, openPage, serveFolder, waitForModule, webgpuAdapter } from "./harness.js";
import type * as Suite from "./gpu-suite-page.js";

const OP_TOL = 1e-4;
const LOSS_TOL = 1e-4;
const PARAM_TOL = 1e-4;
const STEPS = 4;
const BACKENDS = ["webgpu", "webgl"] as const;

const chromium = findChromium();
const inBrowser = chromium ? test.serial : test.serial.skip;

test.serial("headless Chromium is found (required under CI)", (t) => {
  if (chromium) t.pass();
  else if (browserRequired) t.fail(`CI=true but no chromium: install ${CHROMIUM_PACKAGE}`);
  else {
    t.log(`browser GPU tests skipped: no chromium (install ${CHROMIUM_PACKAGE})`);
    t.pass();
  }
});

let page: Page;
let pageErrors: string[];
let stop: (() => Promise<void>) | undefined;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dl-gpu-suite-"));

test.before(async () => {
  if (!chromium) return;
  const started = Date.now();
  const here = path.dirname(fileURLToPath(import.meta.url));
  await bundleForBrowser(path.join(here, "gpu-suite-page.ts"), tmp, "suite.mjs");
  fs.writeFileSync(path.join(tmp, "index.html"), modulePage({ suite: "/suite.mjs" }));
  const server = await serveFolder(tmp);
  const browser = await launchChromium({ webgpu: true });
  stop = async () => {
    await browser.close();
    await server.close();
  };
  ({ page, errors: pageErrors } = await openPage(browser.browser, server.url));
  await waitForModule(page, pageErrors);
  console.log(`gpu-suite: bundle + chromium + page in ${Date.now() - started} ms; WebGPU adapter: ${await webgpuAdapter(page)}`);
});

test.after.always(async () => {
  await stop?.();
  fs.rmSync(tmp, { recursive: true, force: true });
});

type Window = { suite: typeof Suite };

for (const backend of BACKENDS) {
  for (const table of ["ops", "second-order"] as const) {
    inBrowser(`${backend}: ${table === "ops" ? "every needed kernel, forward and gradient" : "gradient penalties (second derivatives)"} match cpu`, async (t) => {
      const started = Date.now();
      t.true(await page.evaluate(() => (window as unknown as Window).suite.gradientsRegistered()));
      const count = await page.evaluate((table) => (window as unknown as Window).suite.caseCounts[table], table);
      const results: Suite.CaseResult[] = [];
      // A few cases per call: one evaluate stays short, and a hang names its cases.
      for (let from = 0; from < count; from += 8) {
        results.push(...(await page.evaluate((b, table, seed, from) => (window as unknown as Window).suite.compareCases(b, table, seed, from, from + 8), backend, table, table === "ops" ? 41 : 77, from)));
      }
      t.is(results.length, count);
      const failures = results.filter((r) => !(Math.max(...r.errors) <= (r.tol ?? OP_TOL))).map((r) => `${r.name}: [value, d/dinputs...] = ${r.errors.map((e) => e.toExponential(2)).join(", ")}`);
      t.log(`${results.length} cases in ${Date.now() - started} ms; worst ${Math.max(...results.flatMap((r) => r.errors)).toExponential(1)}`);
      t.log(results.map((r) => `${r.name}: ${Math.max(...r.errors).toExponential(1)}`).join("; "));
      t.deepEqual(failures, []);
      t.deepEqual(pageErrors, []);
    });
  }

  inBrowser(`${backend}: ${STEPS} training steps with each optimizer (explicit epsilon) give cpu's losses and weights${backend === "webgl" ? " (sgd and momentum: the first two losses, see the failing test below)" : ""}`, async (t) => {
    const started = Date.now();
    const rows: string[] = [];
    for (const r of await trainAll(backend)) {
      rows.push(`${r.name}: cpu losses ${r.want.losses.map((l) => l.toFixed(5)).join(" ")}, |Δ| ${r.lossDiffs.map((d) => d.toExponential(0)).join(" ")}, weights ${r.paramErr.toExponential(1)}`);
      const faulty = backend === "webgl" && WEBGL_FAULT.includes(r.name);
      t.true(Math.max(...r.lossDiffs.slice(0, faulty ? 2 : STEPS)) <= LOSS_TOL, `${r.name} losses: ${backend} ${r.got.losses.join(", ")}; cpu ${r.want.losses.join(", ")}`);
      if (!faulty) t.true(r.paramErr <= PARAM_TOL, `${r.name} weights: ${r.paramErr}`);
    }
    t.log(`${Date.now() - started} ms\n${rows.join("\n")}`);
    t.deepEqual(pageErrors, []);
  });
}

/**
 * A tfjs-webgl 4.22 fault found by this suite: once an sgd or momentum step (p − lr·g, g the
 * gradient as computed) has assigned a dense kernel on the GPU, the next gradients that flow back
 * through that layer (dy · Wᵀ) are wrong: the layers before it get gradients off by up to ~1e-2
 * from step 2 on, so losses drift from step 3 (7e-4 at step 4), while the forward pass, the dense
 * layer's own gradients, every op case (fresh inputs) and adam, adamw and rmsprop steps agree.
 * Uploading the new weights from the CPU instead (\`v.assign(tf.tensor(await w.data()))\`) makes
 * webgl agree again; isolated matMuls of computed or assigned operands do not reproduce it.
 * Inference is unaffected (an exported model's weights are uploaded from weights.bin). Marked
 * failing so that it turns red, and is removed, when tfjs fixes it.
 */
(chromium ? test.serial.failing : test.serial.skip)(`webgl: ${STEPS} training steps give cpu's losses and weights at every step (known tfjs-webgl fault)`, async (t) => {
  for (const r of (await trainAll("webgl")).filter((r) => WEBGL_FAULT.includes(r.name))) {
    t.true(Math.max(...r.lossDiffs) <= LOSS_TOL && r.paramErr <= PARAM_TOL, `${r.name}: |Δloss| ${r.lossDiffs.map((d) => d.toExponential(1)).join(" ")}, weights ${r.paramErr.toExponential(1)}`);
  }
});

/** The optimizers whose webgl steps meet the fault above. */
const WEBGL_FAULT = ["sgd", "momentum"];

const trained = new Map<string, Promise<Array<{ name: string; got: Trained; want: Trained; lossDiffs: number[]; paramErr: number }>>>();
type Trained = { losses: number[]; params: number[] };

/** Each optimizer's STEPS on `backend` and on cpu (once per backend; two tests read webgl's). */
function trainAll(backend: string) {
  let p = trained.get(backend);
  if (!p) {
    p = (async () => {
      const names = await page.evaluate(() => (window as unknown as Window).suite.optimizerNames);
      const out = [];
      for (const name of names) {
        const got = await page.evaluate((b, n, s) => (window as unknown as Window).suite.trainSteps(b, n, s), backend, name, STEPS);
        const want = await page.evaluate((n, s) => (window as unknown as Window).suite.trainSteps("cpu", n, s), name, STEPS);
        const lossDiffs = want.losses.map((w, k) => Math.abs(got.losses[k]! - w) / Math.max(1, Math.abs(w)));
        out.push({ name, got, want, lossDiffs, paramErr: relError(got.params, want.params) });
      }
      return out;
    })();
    trained.set(backend, p);
  }
  return p;
}
