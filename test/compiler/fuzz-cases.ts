/**
 * Fuzz cases, each a pure function of (seed, index): token-level mutations of every standard
 * library and example file (delete, duplicate, swap, replace, insert, renumber, rename), deep
 * nesting of every kind up to 10,000 levels, huge and odd literals, and random Unicode. Shared by
 * the CI slice (test/compiler/fuzz-corpus.test.ts) and the nightly-style run (scripts/fuzz.ts).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { dlLexer, keywords } from "../../grammar/tokens.js";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { fileSystemHost, Workspace } from "../../compiler/workspace/workspace.js";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Every .dl file under the standard library and the examples. */
export function seedFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".dl")) out.push(p);
    }
  };
  walk(join(repoRoot, "stdlib"));
  walk(join(repoRoot, "examples"));
  return out;
}

export interface FuzzCase {
  kind: "mutate" | "deep" | "literal" | "unicode";
  /** The file the case was made from: it is checked at a path beside it, so its imports resolve. */
  seedFile: string;
  text: string;
}

/** mulberry32: a small, fast, seeded generator. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const vocabulary = [
  ...keywords,
  "x", "y", "h", "B", "N", "net", "opt", "M", "i", "f32", "i32", "int", "float", "dense", "conv2d", "relu", "reshape", "constant_input",
  "flatten", "lstm", "mean", "repeat", "batch", "blobs", "mnist", "adam", "cross_entropy",
  "0", "1", "-1", "2", "3", "1000000000", "4294967296", "9007199254740993", "1e309", "0.5", "1e-3", '"train"', '""',
  "(", ")", "{", "}", "[", "]", ",", ":", "=", "|>", ".", "..", "+", "-", "*", "/", "%", "==", "<", "&&", "||", "!",
  "@", "#", '"', "\\", "/*", "//", "///", "\u2028", "\n",
  "repeat(3) {", "repeat(i in 0..3) {", "if true {", "} else {", "input x: f32[B, 8]", "return x", "|> flatten |> dense(3)",
];
const numbers = ["0", "1", "-1", "3", "7", "1000", "2147483648", "4294967296", "9007199254740991", "9007199254740992", "1" + "0".repeat(30), "1e308", "1e309", "0.5", "-0", "00"];
const unicode = ["\u0000", "\u00e9", "\u200b", "\u200e", "\u202e", "\u2028", "\u2029", "\ufeff", "\ud800", "\udfff", "😀", "\u{10ffff}", "\u0301", "ℵ", "ｘ", "\r", "\t", "\u000b"];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Deep nesting of one kind, `n` levels, as a model body. */
function deep(r: () => number, n: number): string {
  const kinds: ((n: number) => string)[] = [
    (n) => "(".repeat(n) + "1" + ")".repeat(n),
    (n) => "f(".repeat(n) + "x" + ")".repeat(n),
    (n) => "[".repeat(n) + "1" + "]".repeat(n),
    (n) => "if true { ".repeat(n) + "x" + " } else { x }".repeat(n),
    (n) => "if true { x } else ".repeat(n) + "{ x }",
    (n) => Array(n).fill("x").join(pick(r, [" + ", " * ", " - ", " |> ", " && "])),
    (n) => "-".repeat(n) + "x",
    (n) => "x" + ".shape".repeat(n),
    (n) => "x |> " + "repeat(2) { ".repeat(n) + "relu" + " }".repeat(n),
    (n) => "{".repeat(n) + "}".repeat(n),
    (n) => "(".repeat(n),
  ];
  return `model M() {\n  input x: f32[B, 4]\n  let a = ${pick(r, kinds)(n)}\n  return x\n}\n`;
}

/** The case `index` of the run seeded `seed`. */
export function fuzzCase(seeds: { file: string; text: string }[], seed: number, index: number): FuzzCase {
  const r = rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const source = pick(r, seeds);
  const roll = r();
  if (roll < 0.08) {
    const n = pick(r, [1, 2, 31, 32, 33, 100, 511, 512, 513, 1000, 10_000, Math.floor(r() * 10_000)]);
    return { kind: "deep", seedFile: source.file, text: deep(r, n) };
  }
  let text = source.text;
  const kind: FuzzCase["kind"] = roll < 0.16 ? "literal" : roll < 0.24 ? "unicode" : "mutate";
  const edits = 1 + Math.floor(r() * 4);
  for (let e = 0; e < edits; e++) {
    const tokens = dlLexer.tokenize(text).tokens;
    if (!tokens.length) break;
    const t = tokens[Math.floor(r() * tokens.length)]!;
    const u = tokens[Math.floor(r() * tokens.length)]!;
    const start = t.startOffset;
    const end = t.endOffset! + 1;
    const splice = (s: number, e2: number, insert: string) => (text = text.slice(0, s) + insert + text.slice(e2));
    if (kind === "literal") {
      const digits = Math.floor(r() * 400) + 1;
      splice(start, end, r() < 0.5 ? pick(r, numbers) : Array.from({ length: digits }, () => Math.floor(r() * 10)).join(""));
      continue;
    }
    if (kind === "unicode") {
      const at = r() < 0.5 ? start : Math.floor(r() * (text.length + 1));
      splice(at, at, pick(r, unicode) + (r() < 0.3 ? String.fromCodePoint(Math.floor(r() * 0x110000)) : ""));
      continue;
    }
    switch (pick(r, ["delete", "duplicate", "swap", "replace", "insert", "number", "rename"] as const)) {
      case "delete":
        splice(start, end, "");
        break;
      case "duplicate":
        splice(start, start, t.image + " ");
        break;
      case "swap":
        if (u.startOffset > end) text = text.slice(0, start) + u.image + text.slice(end, u.startOffset) + t.image + text.slice(u.endOffset! + 1);
        break;
      case "replace":
        splice(start, end, pick(r, vocabulary));
        break;
      case "insert":
        splice(start, start, pick(r, vocabulary) + " ");
        break;
      case "number":
        splice(start, end, pick(r, numbers));
        break;
      case "rename":
        splice(start, end, u.image);
        break;
    }
  }
  return { kind, seedFile: source.file, text };
}

/** The seed files with their text. */
export function loadSeeds(): { file: string; text: string }[] {
  return seedFiles().map((file) => ({ file, text: readFileSync(file, "utf8") }));
}

/** Checks fuzz cases through one pipeline, serving each case from memory beside its seed file. */
export function fuzzChecker(): (c: FuzzCase) => string | undefined {
  let current = { path: "", text: "" };
  const pipeline = new DocumentPipeline(new Workspace({ read: (p) => (p === current.path ? current.text : fileSystemHost.read(p)) }));
  return (c) => {
    current = { path: join(dirname(c.seedFile), "__fuzz__.dl"), text: c.text };
    try {
      const internal = pipeline.checked(current.path).diagnostics.find((d) => d.code === "DL9001");
      return internal?.message;
    } catch (err) {
      return `threw: ${err instanceof Error ? (err.stack ?? err.message).split("\n").slice(0, 4).join(" | ") : String(err)}`;
    }
  };
}
