/**
 * The README's library example, run as a user's own package: a folder outside this repository
 * with its own package.json (no "type": "module") and tsconfig.json, `dl-lang` and its TensorFlow.js
 * core in its node_modules (links, as npm would install them), the output of `dl compile`, and
 * src/main.ts copied from the README. It must type-check with tsc and print the probabilities that
 * the same model and weights give in this process. A second package (`"type": "module"`) compiles
 * the same example with tsc to JavaScript and runs it with plain `node`: `dl-lang/runtime` is the
 * built runtime (build/runtime/index.mjs) there, no TypeScript loader involved.
 */
import test from "ava";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { main } from "../../cli/main.js";

const run = promisify(execFile);
const root = path.join(import.meta.dirname, "..", "..");
const app = fs.mkdtempSync(path.join(os.tmpdir(), "dl-user-app-"));
test.after.always(() => fs.rmSync(app, { recursive: true, force: true }));
/** What this process predicts for the example's images with the seeded weights (set by the first test). */
let expectedProbabilities: number[][] = [];

/** The TypeScript block after the README's `<!-- library-example ... -->` marker. */
function readmeExample(): string {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const at = readme.indexOf("<!-- library-example");
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(at));
  if (at < 0 || !block) throw new Error("README.md has no library example");
  return block[1]!;
}

test.serial("a separate TypeScript package imports the compiled module and the runtime, loads weights and predicts", async (t) => {
  fs.mkdirSync(path.join(app, "src"), { recursive: true });
  fs.mkdirSync(path.join(app, "node_modules", "@tensorflow"), { recursive: true });
  fs.symlinkSync(root, path.join(app, "node_modules", "dl-lang"), "dir");
  fs.symlinkSync(path.join(root, "node_modules", "@tensorflow", "tfjs-core"), path.join(app, "node_modules", "@tensorflow", "tfjs-core"), "dir");
  fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "my-app", private: true, dependencies: { "dl-lang": "*" } }, null, 2));
  fs.writeFileSync(
    path.join(app, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ["src"] }, null, 2),
  );
  const log = console.log;
  console.log = () => {};
  try {
    t.is(await main(["compile", path.join(root, "examples", "lenet-mnist.dl"), "-o", path.join(app, "src")]), 0);
  } finally {
    console.log = log;
  }
  fs.writeFileSync(path.join(app, "src", "main.ts"), readmeExample());

  // Weights of a seeded model of the generated class, saved as a checkpoint folder is.
  const generated = (await import(pathToFileURL(path.join(app, "src", "lenet-mnist.ts")).href)) as { LeNet5: new (p: null, n: string, r?: dl.Rng) => dl.predict.Classifier };
  await dl.selectBackend("wasm");
  const net = new generated.LeNet5(null, "net", new dl.Rng(7));
  const weights = path.join(app, "weights");
  await dl.checkpoint.writeWeights(path.join(weights, "models", "net"), net.namedVariables());
  const images = tf.reshape(tf.linspace(0, 1, 2 * 32 * 32), [2, 32, 32, 1]);
  const expected = await dl.predict.probabilities(net.apply(images, false)).array();
  expectedProbabilities = expected;

  const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  const { stdout } = await run(process.execPath, [tsx, "src/main.ts", weights], { cwd: app });
  const got = JSON.parse(stdout.trim().split("\n").at(-1)!) as number[][];
  t.is(got.length, 2);
  for (const [i, row] of got.entries()) for (const [k, p] of row.entries()) t.true(Math.abs(p - expected[i]![k]!) < 1e-5, `row ${i} class ${k}: ${p} vs ${expected[i]![k]}`);

  // The user's tsc, with the user's tsconfig, accepts the example, the generated module and the runtime's types.
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  const checked = await run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: app }).then(
    () => "",
    (e: { stdout?: string }) => e.stdout ?? String(e),
  );
  t.is(checked, "");
});

test.serial("the same example compiled by tsc runs with plain node on the built runtime", async (t) => {
  const js = fs.mkdtempSync(path.join(os.tmpdir(), "dl-user-js-"));
  t.teardown(() => fs.rmSync(js, { recursive: true, force: true }));
  fs.mkdirSync(path.join(js, "src"), { recursive: true });
  fs.mkdirSync(path.join(js, "node_modules", "@tensorflow"), { recursive: true });
  fs.symlinkSync(root, path.join(js, "node_modules", "dl-lang"), "dir");
  fs.symlinkSync(path.join(root, "node_modules", "@tensorflow", "tfjs-core"), path.join(js, "node_modules", "@tensorflow", "tfjs-core"), "dir");
  fs.writeFileSync(path.join(js, "package.json"), JSON.stringify({ name: "my-js-app", private: true, type: "module", dependencies: { "dl-lang": "*" } }, null, 2));
  fs.writeFileSync(
    path.join(js, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, outDir: "dist", skipLibCheck: true, types: [] }, include: ["src"] }, null, 2),
  );
  for (const f of ["lenet-mnist.ts", "main.ts"]) fs.copyFileSync(path.join(app, "src", f), path.join(js, "src", f));
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  const compiled = await run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: js }).then(
    () => "",
    (e: { stdout?: string }) => e.stdout ?? String(e),
  );
  t.is(compiled, "");
  t.true(fs.existsSync(path.join(js, "dist", "main.js")));
  const { stdout } = await run(process.execPath, ["dist/main.js", path.join(app, "weights")], { cwd: js });
  const got = JSON.parse(stdout.trim().split("\n").at(-1)!) as number[][];
  t.is(got.length, 2);
  t.is(expectedProbabilities.length, 2);
  for (const [i, row] of got.entries()) for (const [k, p] of row.entries()) t.true(Math.abs(p - expectedProbabilities[i]![k]!) < 1e-5, `row ${i} class ${k}: ${p} vs ${expectedProbabilities[i]![k]}`);
});
