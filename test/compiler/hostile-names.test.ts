/**
 * Hostile identifiers and strings cannot break out of the generated code. Every name below is
 * used in every role a DL name can play (model, parameter, input, symbolic dimension, let,
 * shared layer, train block, data set, model instance, optimizer, loop pattern, metric); the
 * generated module must parse, hold only the declarations the program asks for, never set an
 * object's prototype, and pass `tsc --strict`. Strings and doc comments with comment closers,
 * template syntax, quotes and line separators must stay inside their comment or literal.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import test from "ava";
import ts from "typescript";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { Workspace } from "../../compiler/workspace/workspace.js";
import { keywords } from "../../grammar/tokens.js";
import { repoRoot } from "./golden.js";

/** Reserved words and globals of JS/TS, names the generator and runtime use, generated-name look-alikes. */
const names = [
  "constructor", "__proto__", "prototype", "this", "class", "super", "new", "default", "interface", "static", "await", "yield", "of",
  "eval", "arguments", "undefined", "NaN", "globalThis", "Object", "Promise", "require", "exports", "toString", "hasOwnProperty",
  "dl", "tf", "t1", "training", "rng", "s", "apply", "B_", "x_", "name", "parent", "path", "dispose", "dense_0", "Block_2",
  // DL keywords cannot be names; DL's built-in names (`batch`, `dense`) can, but shadow the built-in.
].filter((n) => !keywords.includes(n));

/** Two programs per name: roles that share the top-level namespace cannot all take one name at once. */
function programs(n: string): string[] {
  return [
    `/// The model named ${n}.
model ${n}(width: int = 4) {
  input x: f32[B, 4]
  return x |> dense(width)
}

model User() {
  input x: f32[B, 4]
  return x |> ${n}() |> ${n}(width=2)
}

train t {
  data d = blobs(features=4, centers=2) |> batch(2)
  model net = User()
  optimizer opt = adam(net)
  epochs 1
  for (x, y) in d {
    step opt minimize cross_entropy(net(x), y)
  }
}
`,
    `model P(${n}: int = 3) {
  input x: f32[B, 4]
  return x |> dense(${n})
}

model I() {
  input ${n}: f32[B, 4]
  return ${n} |> dense(2)
}

model L() {
  input x: f32[B, 4]
  let ${n} = x |> dense(4)
  return ${n} |> relu |> dense(2)
}

model Y() {
  input x: f32[B, 4]
  layer ${n} = dense(4)
  return x |> ${n} |> ${n} |> dense(2)
}

model D() {
  input x: f32[B, ${n}]
  return x + normal([B, ${n}]) |> relu
}

model U() {
  input x: f32[B, 4]
  return concat(x |> P(), x |> I(), x |> L(), x |> Y(), x |> D()) |> dense(3)
}

train ${n} {
  data ${n} = blobs(features=4, centers=3) |> batch(2)
  model net = U()
  optimizer opt = adam(net)
  epochs 1
  for (x, y) in ${n} {
    let h = net(x)
    step opt minimize cross_entropy(h, y)
  }
  evaluate (a, b) in ${n} {
    metric ${n} = accuracy(net(a), b)
  }
}

train instance_role {
  data d = blobs(features=4, centers=3) |> batch(2)
  model ${n} = U()
  optimizer opt = sgd(${n})
  epochs 1
  for (x, y) in d {
    step opt minimize cross_entropy(${n}(x), y)
  }
}

train pattern_role {
  data d = blobs(features=4, centers=3) |> batch(2)
  model net = U()
  optimizer opt = sgd(net)
  epochs 1
  for (${n}, y) in d {
    step opt minimize cross_entropy(net(${n}), y)
  }
}

train optimizer_role {
  data d = blobs(features=4, centers=3) |> batch(2)
  model net = U()
  optimizer ${n} = sgd(net)
  epochs 1
  for (x, y) in d {
    let ${n}_ = net(x)
    step ${n} minimize cross_entropy(${n}_, y)
  }
}
`,
  ];
}

const hostileStrings = `/* A block comment with */ /// and /* inside */
/// Doc text that tries to end the comment: */ globalThis.pwned = 1; /*
/// A template: \`\${globalThis.pwned = 1}\` and a backtick \` and quotes " ' and a backslash \\
/// A line separator\u2028globalThis.pwned = 1; and a paragraph separator\u2029globalThis.pwned = 2;
model Strings(label: string = "*/ globalThis.pwned = 1; /*", quote: string = "\\"; globalThis.pwned = 1; \\"", tick: string = "\`\${globalThis.pwned}\`\\n\\\\", sep: string = "\u2028globalThis.pwned = 1;\u2029") {
  input x: f32[B, 4]
  // A line comment with a line separator\u2028globalThis.pwned = 3;
  let h = if label == "*/" { x |> dense(2) } else { x |> dense(4) }
  return h
}

model Uses() {
  input x: f32[B, 4]
  return x |> Strings(label="\`\${globalThis.pwned = 1}\`", quote="\\"\\"\\"", tick="*/ /*", sep="a\u2028b")
}

/// Train docs: */ globalThis.pwned = 1 /*
train strings {
  data train = blobs(features=4, centers=4) |> batch(8)
  model net = Uses()
  optimizer opt = sgd(net)
  epochs 1
  for (x, y) in train {
    step opt minimize cross_entropy(net(x), y)
  }
}
`;

const dir = join(repoRoot, "test/compiler");
let current = "";
const path = join(dir, "__hostile__.dl");
const pipeline = new DocumentPipeline(new Workspace({ read: (p) => (p === path ? current : undefined) }));

interface Output {
  label: string;
  source: string;
  code?: string;
  errors: string[];
}

const outputs: Promise<Output[]> = (async () => {
  const out: Output[] = [];
  const cases: [string, string][] = [...names.flatMap((n) => programs(n).map((p, i): [string, string] => [`${n}-${i}`, p])), ["strings", hostileStrings]];
  for (const [label, source] of cases) {
    current = source;
    pipeline.invalidate(path);
    const e = await pipeline.emitted(path, `hostile/${label}.dl`);
    out.push({ label, source, code: e.code, errors: e.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`) });
  }
  return out;
})();

/** Problems with the shape of a generated module: anything but the expected declarations. */
function structure(code: string, strings = false): string[] {
  const problems: string[] = [];
  const file = ts.createSourceFile("out.ts", code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const syntax = ts.transpileModule(code, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).diagnostics ?? [];
  for (const d of syntax) problems.push(`syntax: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
  for (const st of file.statements) {
    const exported = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (ts.isImportDeclaration(st)) continue;
    if (ts.isClassDeclaration(st) && exported) {
      for (const m of st.members) {
        const ok = ts.isPropertyDeclaration(m) || ts.isConstructorDeclaration(m) || (ts.isMethodDeclaration(m) && m.name.getText() === "apply");
        if (!ok) problems.push(`unexpected class member: ${m.getText().slice(0, 80)}`);
      }
      continue;
    }
    if (ts.isFunctionDeclaration(st) && exported) continue;
    problems.push(`unexpected top-level statement: ${st.getText().slice(0, 80)}`);
  }
  const visit = (node: ts.Node): void => {
    if (strings && ts.isIdentifier(node) && /pwned|globalThis/.test(node.text)) problems.push(`injected identifier '${node.text}'`);
    // `"__proto__": v` in an object literal sets the prototype; a computed key defines a property.
    if (ts.isPropertyAssignment(node) && !ts.isComputedPropertyName(node.name) && node.name.getText().replace(/"/g, "") === "__proto__") {
      problems.push(`object literal sets __proto__: ${node.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return problems;
}

test("hostile names in every role compile to well-formed modules", async (t) => {
  const failures: string[] = [];
  for (const o of await outputs) {
    if (o.errors.length || o.code === undefined) failures.push(`${o.label}: ${o.errors.join("; ") || "no code"}`);
    else for (const p of structure(o.code)) failures.push(`${o.label}: ${p}`);
  }
  t.deepEqual(failures, []);
});

test("hostile strings stay inside their comments and literals", async (t) => {
  const o = (await outputs).find((x) => x.label === "strings")!;
  t.deepEqual(o.errors, []);
  t.deepEqual(structure(o.code!, true), []);
  // No line of the output may start with code after a comment was closed early.
  t.false(/^\s*globalThis/m.test(o.code!), "a line separator ended a comment");
  t.false(/[\u2028\u2029]/.test(o.code!.split("\n").filter((l) => /^\s*(\/\/|\*|\/\*\*)/.test(l)).join("\n")), "a line separator inside a comment");
});

test("every generated module passes tsc --strict", async (t) => {
  const out = join(repoRoot, ".cache/hostile-tsc");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const roots: string[] = [];
  for (const [i, o] of (await outputs).entries()) {
    if (o.code === undefined) continue;
    const file = join(out, `case${i}.ts`);
    writeFileSync(file, o.code);
    roots.push(file);
  }
  const program = ts.createProgram(roots, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ["node"],
  });
  const labels = new Map((await outputs).map((o, i) => [`case${i}.ts`, o.label]));
  const problems = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => !d.file || d.file.fileName.startsWith(out))
    .map((d) => `${d.file ? labels.get(basename(d.file.fileName)) : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
  t.deepEqual(problems, []);
});
