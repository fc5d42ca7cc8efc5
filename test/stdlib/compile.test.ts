/**
 * The standard library checks without diagnostics (`dl check`), and every model's generated
 * TypeScript passes `tsc --strict` (one program, checked once).
 */
import test from "ava";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { pipeline, problems, stdlibFiles, stdSpec } from "./helpers.js";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
const files = stdlibFiles();

for (const file of files) {
  test(`${stdSpec(file)} checks without diagnostics`, (t) => {
    t.is(problems(file), "");
  });
}

test("every stdlib module compiles to TypeScript that passes tsc --strict", async (t) => {
  // Generated code imports "dl-lang/runtime", resolved by package self-reference from inside the repository.
  const out = join(repoRoot, ".cache/stdlib-tsc");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const roots: string[] = [];
  for (const file of files) {
    const emitted = await pipeline.emitted(file);
    if (emitted.code === undefined) return t.fail(`${stdSpec(file)} produced no code`);
    const path = join(out, stdSpec(file).replace(/\//g, "_") + ".ts");
    writeFileSync(path, emitted.code);
    roots.push(path);
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
  const found = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => !d.file || d.file.fileName.startsWith(out))
    .map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      return `${d.file ? `${d.file.fileName.slice(out.length + 1)}(${where!.line + 1},${where!.character + 1}): ` : ""}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
  t.deepEqual(found, []);
});
