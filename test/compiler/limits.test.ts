/**
 * The documented limits (grammar/limits.ts): nesting of every kind to 10,000 levels, long operator
 * chains, huge literals, repeat and layer counts and the checker's work budget each end in a
 * diagnostic naming the limit at the place reached: never a stack overflow (DL9001 or exit 70), a
 * hang or a blow-up. Checked in this process, with most of the stack already used by callers (a
 * warm language server deep in its own frames), and in a cold `dl check`.
 */
import test from "ava";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { limits } from "../../grammar/limits.js";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { Workspace } from "../../compiler/workspace/workspace.js";
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const model = (body: string) => `model M() {\n  input x: f32[B, 4]\n${body}\n}\n`;
const letA = (expr: string) => model(`  let a = ${expr}\n  return x`);
const N = 10_000;

/** Deeply nested programs, each `N` levels of one kind. */
const deep: Record<string, string> = {
  parens: letA("(".repeat(N) + "1" + ")".repeat(N)),
  calls: letA("f(".repeat(N) + "1" + ")".repeat(N)),
  brackets: letA("[".repeat(N) + "1" + "]".repeat(N)),
  "if blocks": letA("if true { ".repeat(N) + "1" + " } else { 2 }".repeat(N)),
  "else if chain": letA("if true { 1 } else ".repeat(N) + "{ 2 }"),
  "5,000-term sum": letA(Array(5000).fill("a").join(" + ")),
  "10,000-term pipeline": model("  return x" + " |> relu".repeat(N)),
  "unary minus": letA("-".repeat(N) + "1"),
  "member chain": letA("x" + ".shape".repeat(N)),
  "repeat blocks": model("  return x |> " + "repeat(1) { ".repeat(N) + "relu" + " }".repeat(N)),
  "train loops": `model M() {\n  input x: f32[B, 4]\n  return x |> dense(2)\n}\ntrain t {\n  data d = blobs(n=8, centers=2, features=4) |> batch(4)\n  model m = M()\n  optimizer o = sgd(m, lr=0.1)\n  epochs 1\n  for (x, y) in d {\n${"repeat 1 { ".repeat(N)}step o minimize cross_entropy(m(x), y)${" }".repeat(N)}\n  }\n}\n`,
};

/** Programs past a size limit, and the code each must get. */
const sized: [string, string, string, RegExp][] = [
  ["repeat(4294967296)", "DL3040", model("  return x |> repeat(4294967296) { dense(4) }"), /repeat count is 4294967296, above the limit of 10000/],
  ["repeat(100000)", "DL3040", model("  return x |> repeat(100000) { dense(4) }"), /above the limit of 10000/],
  ["repeat in a range", "DL3040", model("  return x |> repeat(i in 0..20000) { relu }"), /above the limit/],
  ["nested repeats past the work budget", "DL3041", model("  return x |> repeat(10000) { repeat(10000) { relu } }"), new RegExp(`more than ${limits.checkWork} pipeline stages`)],
  ["lstm layers", "DL3040", `model M() {\n  input x: f32[B, 5, 4]\n  return x |> lstm(8, layers=100000)\n}\n`, /'layers' of lstm is 100000, above the limit of 1000/],
  ["a size past int32", "DL3040", model("  return x |> dense(4294967296)"), /'units' of dense is 4294967296, above the limit of 2147483647/],
  ["2^53 + 1", "DL1005", model("  return x |> dense(9007199254740993)"), /too large: the limit is 2\^53 - 1/],
  ["2^53 exactly", "DL1005", model("  return x |> dense(9007199254740992)"), /too large/],
  ["a 400-digit integer", "DL1005", model(`  return x |> dense(${"9".repeat(400)})`), /\(400 digits\)/],
  ["1e400", "DL1005", model("  return x * 1e400"), /out of range/],
];

function checker(): (text: string) => Diagnostic[] {
  const texts = new Map<string, string>();
  const pipeline = new DocumentPipeline(new Workspace({ read: (p) => texts.get(p) }));
  let n = 0;
  return (text) => {
    const path = `/virtual/case-${n++}.dl`;
    texts.set(path, text);
    return pipeline.checked(path).diagnostics;
  };
}

/** Runs `f` below `depth` frames of this process's own recursion. */
function withStackUsed<T>(depth: number, f: () => T): T {
  const down = (n: number): T => (n === 0 ? f() : [down(n - 1)][0]!);
  return down(depth);
}

/** How deep this process can recurse (the same frames as `withStackUsed`). */
function stackDepth(): number {
  let n = 0;
  const down = (): number => (n++, [down()][0]!);
  try {
    down();
  } catch {
    /* the stack's end */
  }
  return n;
}

const check = checker();

for (const [name, text] of Object.entries(deep)) {
  test(`nesting: ${name} ends in a limit diagnostic or checks, never an internal error`, (t) => {
    const d = check(text);
    t.false(d.some((x) => x.code === "DL9001"), d.find((x) => x.code === "DL9001")?.message);
    const limit = d.find((x) => x.code === "DL1004");
    t.truthy(limit, `${name}: ${d.map((x) => x.code).join(" ")}`);
    t.regex(limit!.message, /limit is \d+/);
    // The diagnostic is where the limit was reached: inside the nesting, not at the file's start.
    t.true(limit!.span.start > text.indexOf("=") || limit!.span.start > 40, `at ${limit!.span.start}`);
  });
}

for (const [name, code, text, message] of sized) {
  test(`limits: ${name} is ${code}`, (t) => {
    const d = check(text);
    const hit = d.find((x) => x.code === code);
    t.truthy(hit, d.map((x) => `${x.code} ${x.message}`).join("\n"));
    t.regex(hit!.message, message);
    t.false(d.some((x) => x.code === "DL9001"));
  });
}

test("nesting just inside the limits checks cleanly", (t) => {
  const d = check(letA("(".repeat(limits.nesting - 2) + "1" + ")".repeat(limits.nesting - 2)));
  t.deepEqual(d.map((x) => x.code), []);
  t.deepEqual(check(letA(Array(limits.expressionDepth - 8).fill("1").join(" + "))).map((x) => x.code), []);
  t.deepEqual(check(model(`  return x |> repeat(${limits.repeatCount}) { relu }`)).map((x) => x.code), []);
});

test("a warm checker with most of its stack already used reports the limits, never throws", (t) => {
  const depth = stackDepth();
  for (const used of [0.5, 0.8, 0.9, 0.97]) {
    const warm = checker();
    for (const [name, text] of Object.entries(deep)) {
      const d = withStackUsed(Math.floor(depth * used), () => warm(text));
      t.false(d.some((x) => x.code === "DL9001"), `${name} with ${used * 100}% of the stack used: ${d.find((x) => x.code === "DL9001")?.message}`);
      t.true(d.some((x) => /^DL(1004|3042)$/.test(x.code)), `${name} with ${used * 100}% used: ${d.map((x) => x.code).join(" ")}`);
    }
  }
});

test("a cold dl check of each deep program prints the limit, not a stack trace", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "dl-limits-"));
  const files = Object.entries(deep).map(([name, text], i) => {
    const file = join(dir, `deep-${i}.dl`);
    writeFileSync(file, text);
    return [name, file] as const;
  });
  const r = spawnSync(process.execPath, [join(repo, "cli", "dl.mjs"), "check", ...files.map(([, f]) => f)], { encoding: "utf8", timeout: 120_000, maxBuffer: 1 << 28 });
  t.is(r.status, 1, r.stderr);
  t.notRegex(r.stderr, /internal error|Maximum call stack|DL9001/);
  for (const [name, file] of files) t.true(r.stderr.includes(`${file.slice(dir.length + 1)}`) || r.stderr.includes(file), name);
  t.is((r.stderr.match(/DL1004/g) ?? []).length, files.length, r.stderr.slice(0, 2000));
});
