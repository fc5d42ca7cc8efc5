/**
 * Imports and command-line inputs read regular files only, at most `limits.fileBytes`: a FIFO (a
 * real one, from mkfifo), a device (/dev/zero behind a `.dl` name), a folder named `*.dl` and an
 * oversized file each get a diagnostic at the import, never a read that blocks or floods memory.
 */
import test from "ava";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { limits } from "../../grammar/limits.js";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dir = mkdtempSync(join(tmpdir(), "dl-imports-"));
execFileSync("mkfifo", [join(dir, "fifo.dl")]);
symlinkSync("/dev/zero", join(dir, "zero.dl"));
mkdirSync(join(dir, "folder.dl"));
writeFileSync(join(dir, "huge.dl"), "// x\n".repeat(Math.ceil((limits.fileBytes + 10) / 5)));

const cases: [string, string, RegExp][] = [
  ["fifo", "DL2010", /is a FIFO \(named pipe\), not a regular file/],
  ["zero", "DL2010", /is a device, not a regular file/],
  ["folder", "DL2010", /is a folder, not a regular file/],
  ["huge", "DL2011", /above the limit of 4194304 bytes/],
];

for (const [name, code, message] of cases) {
  test(`importing ${name}.dl is ${code}`, (t) => {
    const main = join(dir, `import-${name}.dl`);
    writeFileSync(main, `import { M } from "./${name}"\nmodel N() {\n  input x: f32[B, 4]\n  return x |> dense(2)\n}\n`);
    const d = new DocumentPipeline().checked(main).diagnostics;
    const hit = d.find((x) => x.code === code);
    t.truthy(hit, d.map((x) => `${x.code} ${x.message}`).join("\n"));
    t.regex(hit!.message, message);
    t.is(hit!.span.start, "import { M } from ".length);
  });
}

test("dl check refuses a FIFO, a device and a folder given on the command line", (t) => {
  for (const name of ["fifo", "zero", "folder", "huge"]) {
    const r = spawnSync(process.execPath, [join(repo, "cli", "dl.mjs"), "check", join(dir, `${name}.dl`)], { encoding: "utf8", timeout: 60_000 });
    t.is(r.status, 1, `${name}: ${r.stderr}`);
    t.regex(r.stderr, /cannot read .*: it is /, name);
  }
});
