/**
 * PyTorch-target baselines: every `test/golden/codegen/<name>.dl` lowers (compiler/targets/torch)
 * to exactly `test/golden/torch/<name>.py`, or, where the torch engine cannot run it, the reason
 * `dl check --engine torch` gives is `<name>.txt`; and every generated module is valid Python
 * (one `py_compile` run, skipped without a python3). `UPDATE_GOLDEN=1` rewrites the baselines.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import test from "ava";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { torchModule } from "../../cli/torch-engine.js";
import { compareBaseline, displayPath, dlFiles, repoRoot } from "./golden.js";

const dir = join(repoRoot, "test/golden/codegen");
const out = join(repoRoot, "test/golden/torch");
const files = dlFiles(dir);
const pipeline = new DocumentPipeline();

const generated = (async () => {
  const res: { file: string; name: string; code?: string; error?: string }[] = [];
  for (const file of files) {
    const name = basename(file, ".dl");
    const mod = await torchModule(await pipeline.emitted(file, displayPath(file)), displayPath(file));
    res.push({ file, name, ...("code" in mod ? { code: mod.code } : { error: mod.error }) });
  }
  return res;
})();

for (const file of files) {
  const name = basename(file, ".dl");
  test(`torch ${name}`, async (t) => {
    const g = (await generated).find((x) => x.file === file)!;
    const diff = g.code !== undefined ? compareBaseline(join(out, `${name}.py`), g.code) : compareBaseline(join(out, `${name}.txt`), g.error! + "\n");
    if (diff) t.fail(diff);
    else t.pass();
  });
}

test("most codegen baselines lower to torch, and every module is valid Python", async (t) => {
  const ok = (await generated).filter((g) => g.code !== undefined);
  t.true(ok.length >= files.length - 3, `only ${ok.length} of ${files.length} lower to torch`);
  const python = ["/usr/bin/python3", "python3"].find((p) => spawnSync(p, ["--version"]).status === 0);
  if (!python) return t.log("no python3: the Python syntax check is skipped");
  const tmp = join(repoRoot, ".cache/golden-torch");
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const paths = ok.map((g) => {
    const p = join(tmp, `${g.name.replace(/\W/g, "_")}.py`);
    writeFileSync(p, g.code!);
    return p;
  });
  const script = "import ast, sys\nfor p in sys.argv[1:]:\n    ast.parse(open(p).read(), p)\n";
  const r = spawnSync(python, ["-c", script, ...paths], { encoding: "utf8" });
  t.is(r.status, 0, r.stderr);
});
