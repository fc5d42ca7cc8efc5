/**
 * A user's own data through the language: `csv(...)` and `image_folder(...)` declare the shapes
 * the checker uses, the generated program loads the files, and a file that disagrees with the
 * declaration stops the run with an error naming it and the expected shape.
 */
import test from "ava";
import * as fs from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PNG } from "pngjs";
import * as dl from "dl-lang/runtime";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { fileSystemHost, stdlibRoot, Workspace } from "../../compiler/workspace/workspace.js";

const repoRoot = join(stdlibRoot, "..");
const work = join(repoRoot, ".cache", "own-data");
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });

/** Two well-separated classes of 4 features each, labelled by name, in a CSV file with a header. */
function writeCsv(file: string, rows: number): void {
  const lines = ["a,b,c,d,kind"];
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
  for (let i = 0; i < rows; i++) {
    const k = i % 2;
    lines.push([0, 1, 2, 3].map((j) => (k * 2 - 1) * (1 + j / 4) + random()).map((v) => v.toFixed(3)).join(",") + `,${k ? "spam" : "ham"}`);
  }
  fs.writeFileSync(file, lines.join("\n") + "\n");
}

/** Compiles `source` (as a file in the work folder) and imports the generated module. */
async function compile(name: string, source: string): Promise<Record<string, () => dl.TrainProgram>> {
  const path = join(work, `${name}.dl`);
  fs.writeFileSync(path, source);
  const emitted = await new DocumentPipeline(new Workspace(fileSystemHost)).emitted(path);
  if (!emitted.code) throw new Error(emitted.diagnostics.map((d) => d.message).join("\n"));
  const module = join(work, `${name}.ts`);
  fs.writeFileSync(module, emitted.code);
  return (await import(pathToFileURL(module).href)) as Record<string, () => dl.TrainProgram>;
}

const csvProgram = (file: string, features: number) => `
model Classifier() {
  input x: f32[B, ${features}]
  return x |> dense(16) |> relu |> dense(2)
}
train own {
  seed 1
  data rows = csv("${file}", features=${features}, label="kind") |> batch(20, shuffle=true)
  data held = csv("${file}", features=${features}, label="kind") |> batch(100)
  model net = Classifier()
  optimizer opt = adam(net, lr=1e-2)
  epochs 3
  for (x, y) in rows {
    step opt minimize cross_entropy(net(x), y)
  }
  evaluate (x, y) in held {
    metric accuracy = accuracy(net(x), y)
  }
}
`;

test.serial("a train block on a CSV file learns its classes", async (t) => {
  const file = join(work, "mail.csv");
  writeCsv(file, 200);
  const generated = await compile("csv-ok", csvProgram(file, 4));
  const r = await dl.run(generated["own"]!(), { backend: "wasm", outDir: join(work, "runs", "csv"), quiet: true });
  const last = r.history[r.history.length - 1]!;
  t.log(`after 3 epochs: loss ${last["loss"]?.toFixed(3)}, held-out accuracy ${last["held_accuracy"]}`);
  t.true(last["held_accuracy"]! > 0.95);
});

test.serial("a CSV file with other columns than declared stops the run naming the file and shape", async (t) => {
  const file = join(work, "mail.csv");
  writeCsv(file, 20);
  const generated = await compile("csv-bad", csvProgram(file, 6));
  const error = await t.throwsAsync(() => dl.run(generated["own"]!(), { backend: "wasm", outDir: join(work, "runs", "csv-bad"), quiet: true }), { instanceOf: dl.DataError });
  t.regex(error!.message, /mail\.csv: expected 6 feature columns as the program declares \(x: \[6\]\) plus the label column "kind", found 4/);
});

/** y = 2a − b + 0.5 (plus a little noise) in a CSV file with a header: a regression target. */
function writeRegressionCsv(file: string, rows: number): void {
  const lines = ["a,b,price"];
  let seed = 11;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
  for (let i = 0; i < rows; i++) {
    const a = random() * 2;
    const b = random() * 2;
    lines.push([a, b, 2 * a - b + 0.5 + 0.01 * random()].map((v) => v.toFixed(4)).join(","));
  }
  fs.writeFileSync(file, lines.join("\n") + "\n");
}

test.serial('csv(label_type="float") reads regression targets y: f32[1], and mse on them falls', async (t) => {
  const file = join(work, "prices.csv");
  writeRegressionCsv(file, 200);
  const generated = await compile(
    "csv-regression",
    `
model Line() {
  input x: f32[B, 2]
  return x |> dense(1)
}
train fit {
  seed 1
  data rows = csv("${file}", features=2, label="price", label_type="float") |> batch(20, shuffle=true)
  model net = Line()
  optimizer opt = adam(net, lr=5e-2)
  epochs 10
  for (x, y) in rows {
    step opt minimize mse(net(x), y)
  }
}
`,
  );
  const r = await dl.run(generated["fit"]!(), { backend: "wasm", outDir: join(work, "runs", "regression"), quiet: true });
  const first = r.history[0]!["loss"]!;
  const last = r.history[r.history.length - 1]!["loss"]!;
  t.log(`mse: epoch 1 ${first.toFixed(4)}, epoch 10 ${last.toFixed(4)}`);
  t.true(last < 0.01 && last < first / 10);
  const y = dl.data.csv(file, { label: "price", labelType: "float" });
  t.deepEqual(y.fields.find((f) => f.name === "y")!.storedShape, [1]);
});

test.serial("class labels that are fractions warn that they look like regression targets", (t) => {
  const file = join(work, "prices.csv");
  writeRegressionCsv(file, 20);
  const warnings: string[] = [];
  dl.data.csv(file, { label: "price", warn: (m) => warnings.push(m) });
  t.is(warnings.length, 1);
  t.regex(warnings[0]!, /prices\.csv: the label column "price" holds non-integer numbers \([-\d.]+, [-\d.]+, [-\d.]+, \.\.\.\); they are read as 20 classes, one per distinct value\. For regression targets write csv\(\.\.\., label_type="float"\)/);
  // Integer labels and words say nothing.
  writeCsv(join(work, "mail.csv"), 20);
  dl.data.csv(join(work, "mail.csv"), { label: "kind", warn: (m) => warnings.push(m) });
  t.is(warnings.length, 1);
});

test.serial("image_folder declares image shapes; an image of another size names the file", async (t) => {
  const root = join(work, "pictures");
  for (const [cls, value] of [["dark", 20], ["light", 230]] as const) {
    fs.mkdirSync(join(root, cls), { recursive: true });
    for (let i = 0; i < 4; i++) {
      const png = new PNG({ width: 8, height: 6 });
      png.data.fill(value);
      fs.writeFileSync(join(root, cls, `${i}.png`), PNG.sync.write(png));
    }
  }
  const source = (height: number) => `
model Tiny() {
  input x: f32[B, ${height}, 8, 1]
  return x |> flatten |> dense(2)
}
train pictures {
  data images = image_folder("${root}", height=${height}, width=8, channels=1) |> batch(4, shuffle=true)
  model net = Tiny()
  optimizer opt = sgd(net, lr=0.1)
  epochs 1
  for (x, y) in images {
    step opt minimize cross_entropy(net(x), y)
  }
}
`;
  const ok = await compile("images-ok", source(6));
  const r = await dl.run(ok["pictures"]!(), { backend: "wasm", outDir: join(work, "runs", "images"), quiet: true });
  t.is(r.steps, 2);
  const bad = await compile("images-bad", source(5));
  await t.throwsAsync(() => dl.run(bad["pictures"]!(), { backend: "wasm", outDir: join(work, "runs", "images-bad"), quiet: true }), {
    instanceOf: dl.DataError,
    message: /0\.png: expected an image of \[5, 8, 1\] as the program declares, found \[6, 8\]/,
  });
});

test.serial("selecting one field of a data set: an autoencoder over the CSV features alone", async (t) => {
  const file = join(work, "mail.csv");
  writeCsv(file, 200);
  const generated = await compile(
    "csv-select",
    `
model Squeeze() {
  input x: f32[B, 4]
  return x |> dense(2) |> dense(4)
}
train squeeze {
  seed 1
  data rows = csv("${file}", features=4, label="kind").x |> batch(20, shuffle=true)
  model net = Squeeze()
  optimizer opt = adam(net, lr=1e-2)
  epochs 4
  for x in rows {
    step opt minimize mse(net(x), x)
  }
}
`,
  );
  t.regex(fs.readFileSync(join(work, "csv-select.ts"), "utf8"), /\.select\("x"\)/);
  const r = await dl.run(generated["squeeze"]!(), { backend: "wasm", outDir: join(work, "runs", "select"), quiet: true });
  const losses = r.history.map((h) => h["loss"]!);
  t.log(`reconstruction loss per epoch: ${losses.map((l) => l.toFixed(3)).join(", ")}`);
  t.true(losses[losses.length - 1]! < losses[0]! / 2);
});
