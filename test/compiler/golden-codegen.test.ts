/**
 * Codegen baselines: every `test/golden/codegen/<name>.dl` compiles without errors to exactly
 * `<name>.ts`, and all generated modules together pass `tsc --strict` (one program, checked once,
 * because the type checker is the slow part). `UPDATE_GOLDEN=1` rewrites the `.ts` baselines.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import test from "ava";
import ts from "typescript";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { compareBaseline, diagnosticsText, displayPath, dlFiles, repoRoot } from "./golden.js";

const dir = join(repoRoot, "test/golden/codegen");
const files = dlFiles(dir);
const pipeline = new DocumentPipeline();

interface Generated {
  file: string;
  code?: string;
  problems: string;
}

/** Compiles every golden source once; the per-file tests and the type check share the result. */
const generated: Promise<Generated[]> = (async () => {
  const out: Generated[] = [];
  for (const file of files) {
    const emitted = await pipeline.emitted(file, displayPath(file));
    out.push({ file, code: emitted.code, problems: diagnosticsText(pipeline, emitted.diagnostics) });
  }
  return out;
})();

test("there are at least 30 codegen baselines", (t) => {
  t.true(files.length >= 30, `only ${files.length} .dl files in ${displayPath(dir)}`);
});

for (const file of files) {
  const name = basename(file, ".dl");
  test(`codegen ${name}`, async (t) => {
    const g = (await generated).find((x) => x.file === file)!;
    t.is(g.problems, "", `${name}.dl must compile without diagnostics`);
    if (g.code === undefined) return t.fail(`${name}.dl produced no code`);
    const diff = compareBaseline(join(dir, `${name}.ts`), g.code);
    if (diff) t.fail(diff);
    else t.pass();
  });
}

test("every generated module passes tsc --strict", async (t) => {
  // Generated code imports "dl-lang/runtime", which resolves by package self-reference only from
  // inside the repository, so the modules are written to a cache folder here.
  const out = join(repoRoot, ".cache/golden-tsc");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const roots: string[] = [];
  for (const g of await generated) {
    if (g.code === undefined) continue;
    const path = join(out, basename(g.file, ".dl") + ".ts");
    writeFileSync(path, g.code);
    roots.push(path);
  }
  t.true(roots.length > 0);
  const program = ts.createProgram(roots, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ["node"],
  });
  // Only the generated modules are judged here; the runtime has its own type check.
  const problems = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => !d.file || d.file.fileName.startsWith(out))
    .map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const file = d.file ? `${basename(d.file.fileName)}(${where!.line + 1},${where!.character + 1}): ` : "";
      return file + ts.flattenDiagnosticMessageText(d.messageText, "\n");
    });
  t.deepEqual(problems, []);
});
