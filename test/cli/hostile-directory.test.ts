/**
 * The shipped `dl` (build/cli/dl.mjs) and language server (build/lsp/server.mjs), and the source
 * launchers (cli/dl.mjs, lsp/server.mjs), run from a folder made to hijack them: a tsconfig.json
 * whose `paths` map dl's dependencies to a planted module, a package.json with `imports` and a
 * `main`, planted packages under node_modules/ and an .npmrc. Every planted file, if loaded, writes
 * a marker; no command may leave one.
 */
import test from "ava";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startChild } from "../lsp/helpers.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const built = join(repo, "build", "cli", "dl.mjs");

/** A folder whose every planted file writes `MARKER-<what>` into it when loaded. */
function hostileFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "dl-hostile-"));
  const evil = (what: string): string =>
    `require("fs").writeFileSync(${JSON.stringify(join(dir, `MARKER-${what}`))}, "loaded");\nmodule.exports = {};\n`;
  const evilEsm = (what: string): string =>
    `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(join(dir, `MARKER-${what}`))}, "loaded");\nexport default {};\n`;
  writeFileSync(join(dir, "evil.mjs"), evilEsm("paths"));
  writeFileSync(join(dir, "evil.cjs"), evil("npmrc"));
  const everything = ["prettier", "chevrotain", "typescript", "tsx", "esbuild", "vscode-languageserver", "vscode-languageserver/node", "@tensorflow/tfjs-core", "@tensorflow/tfjs-backend-cpu", "@tensorflow/tfjs-backend-wasm", "dl-lang", "dl-lang/runtime", "*"];
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { baseUrl: ".", paths: Object.fromEntries(everything.map((m) => [m, ["./evil.mjs"]])), allowJs: true }, include: ["**/*"] }),
  );
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "dl-lang", type: "module", main: "evil.mjs", exports: { ".": "./evil.mjs", "./runtime": "./evil.mjs" }, imports: { "#chevrotain": "./evil.mjs" } }),
  );
  writeFileSync(join(dir, ".npmrc"), "node-options=--require ./evil.cjs\n");
  for (const pkg of ["prettier", "chevrotain", "typescript", "tsx", "vscode-languageserver", "@tensorflow/tfjs-core", "@tensorflow/tfjs-backend-cpu", "dl-lang"]) {
    const at = join(dir, "node_modules", pkg);
    mkdirSync(at, { recursive: true });
    const what = pkg.replace(/\W+/g, "_");
    writeFileSync(join(at, "package.json"), JSON.stringify({ name: pkg, main: "index.cjs", exports: { ".": { import: "./index.mjs", default: "./index.cjs" }, "./*": "./index.mjs" } }));
    writeFileSync(join(at, "index.cjs"), evil(what));
    writeFileSync(join(at, "index.mjs"), evilEsm(what));
  }
  copyFileSync(join(repo, "test", "runtime", "fixtures", "faults", "blob.dl"), join(dir, "blob.dl"));
  writeFileSync(join(dir, "bad.dl"), "model M() {\n  input x: f32[B, 4]\n  return x |> rellu\n}\n");
  return dir;
}

const markers = (dir: string): string[] => readdirSync(dir).filter((f) => f.startsWith("MARKER-"));

function dl(launcher: string, dir: string, args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [launcher, ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" }, timeout: 180_000 });
  return { status: r.status, out: r.stdout + r.stderr };
}

test.before(() => {
  // The build the package ships (npm ci runs it at `prepare`); rebuilt so the test sees this tree.
  execFileSync(process.execPath, [join(repo, "scripts", "build.mjs")], { cwd: repo, stdio: "pipe" });
});

test("the built dl check, compile and run load nothing from a hostile working directory", (t) => {
  const dir = hostileFolder();
  const check = dl(built, dir, ["check", "blob.dl", "bad.dl"]);
  t.is(check.status, 1, check.out);
  t.regex(check.out, /DL2001/);
  const compile = dl(built, dir, ["compile", "blob.dl", "-o", join(dir, "out")]);
  t.is(compile.status, 0, compile.out);
  t.true(existsSync(join(dir, "out", "blob.ts")));
  const run = dl(built, dir, ["run", "blob.dl", "--max-steps", "2", "--backend", "cpu", "--quiet", "--out", join(dir, "run")]);
  t.is(run.status, 0, run.out);
  t.deepEqual(markers(dir), []);
});

test("dl fmt reads a folder's prettier configuration as data, never as code", (t) => {
  for (const [config, text] of [
    ["prettier.config.js", `import "./evil.mjs";\nexport default { printWidth: 20 };\n`],
    [".prettierrc", JSON.stringify("./evil.mjs")],
    [".prettierrc", JSON.stringify({ printWidth: 30, plugins: ["./evil.mjs"] })],
  ] as const) {
    const dir = hostileFolder();
    writeFileSync(join(dir, config), text);
    writeFileSync(join(dir, "ugly.dl"), "model   M()   {\n input x: f32[B, 4]\n return x |> dense(4) |> relu |> dense(2) |> softmax\n}\n");
    const fmt = dl(built, dir, ["fmt", "ugly.dl"]);
    t.is(fmt.status, 0, fmt.out);
    t.regex(readFileSync(join(dir, "ugly.dl"), "utf8"), /^model M\(\) \{/);
    t.deepEqual(markers(dir), [], config);
  }
});

test("the source launcher cli/dl.mjs ignores the working directory's tsconfig", (t) => {
  const dir = hostileFolder();
  const compile = dl(join(repo, "cli", "dl.mjs"), dir, ["compile", "blob.dl", "-o", join(dir, "out")]);
  t.is(compile.status, 0, compile.out);
  t.deepEqual(markers(dir), []);
});

for (const [name, launcher] of [
  ["built", join(repo, "build", "lsp", "server.mjs")],
  ["source", join(repo, "lsp", "server.mjs")],
] as const) {
  test(`the ${name} language server, started in a hostile folder, loads nothing from it`, async (t) => {
    const dir = hostileFolder();
    const client = await startChild({ launcher, cwd: dir, root: dir, stdRoot: join(repo, "stdlib") });
    const doc = client.open("bad.dl", "model M() {\n  input x: f32[B, 4]\n  return x |> rellu\n}\n");
    t.deepEqual((await client.diagnosticsOf(doc, 60000)).map((d) => d.code), ["DL2001"]);
    // Formatting loads prettier: it must be dl's own.
    const edits = await client.request<unknown[]>("textDocument/formatting", { textDocument: { uri: doc.uri }, options: { tabSize: 2, insertSpaces: true } });
    t.true(Array.isArray(edits));
    await client.close();
    t.deepEqual(markers(dir), []);
  });
}
