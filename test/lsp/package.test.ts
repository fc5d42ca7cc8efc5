/**
 * The packaged VS Code extension works from its own folder: `npm run package:vscode` builds the
 * .vsix, which is unzipped into an empty folder outside the repository (no node_modules anywhere
 * above it), and its bundled server is driven over stdio the way VS Code starts it.
 */
import test from "ava";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { CompletionList, Hover, Location, MarkupContent, TextEdit } from "vscode-languageserver/node";
import { startChild } from "./helpers.js";
import { unzip } from "./unzip.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

test("the .vsix's bundled server runs from an empty folder: diagnostics, hover, completion, definition into the shipped stdlib, formatting, exit", async (t) => {
  execFileSync(process.execPath, [join(repo, "lsp/vscode/build.mjs"), "--package"], { cwd: repo, stdio: "pipe" });
  const folder = mkdtempSync(join(tmpdir(), "dl-vsix-"));
  t.false(folder.startsWith(repo));
  const files = unzip(join(repo, "lsp/vscode/dl-lang-vscode.vsix"), folder);
  const ext = join(folder, "extension");
  t.false(files.some((f) => f.includes("node_modules/")), "nothing is left to node_modules");
  for (let d = ext; d !== dirname(d); d = dirname(d)) t.false(existsSync(join(d, "node_modules")), `no node_modules in ${d}`);

  // What a marketplace extension declares: an icon that is a PNG, a repository, the commands.
  const manifest = JSON.parse(readFileSync(join(ext, "package.json"), "utf8")) as {
    icon: string;
    repository: { url: string };
    contributes: { commands: { command: string }[] };
  };
  t.deepEqual([...readFileSync(join(ext, manifest.icon)).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  t.regex(manifest.repository.url, /^https:\/\/github\.com\//);
  t.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), ["dl.restartServer", "dl.showLayerTable"]);

  // Started as VS Code starts it, from the extension's folder, with no stdRoot: it uses dist/stdlib.
  const client = await startChild({ launcher: join(ext, "dist/server.mjs"), cwd: ext, stdRoot: null });
  const doc = client.open(
    "app.dl",
    `import { LeNet5 } from "std/vision/lenet"\nmodel App() {\n  input x: f32[B, 32, 32, 1]\n  let logits = x |> LeNet5()\n  return logits |> rellu\n}\n`,
  );
  const diags = await client.diagnosticsOf(doc, 60000);
  t.deepEqual(diags.map((d) => [d.code, d.range.start.line]), [["DL2001", 4]], client.stderr());

  const hover = await client.request<Hover>("textDocument/hover", { textDocument: { uri: doc.uri }, position: { line: 3, character: 20 } });
  const shown = (hover.contents as MarkupContent).value;
  t.regex(shown, /\[B, 10\]/);
  t.regex(shown, /61,706/);

  const list = await client.request<CompletionList>("textDocument/completion", { textDocument: { uri: doc.uri }, position: { line: 3, character: 18 } });
  t.true(list.items.some((i) => i.label === "conv2d"));
  t.true(list.items.some((i) => i.label === "LeNet5"));

  const defs = await client.request<Location[]>("textDocument/definition", { textDocument: { uri: doc.uri }, position: { line: 3, character: 20 } });
  t.is(defs.length, 1);
  t.is(fileURLToPath(defs[0]!.uri), join(ext, "dist/stdlib/vision/lenet.dl"));

  const table = await client.request<{ model: string; table: string } | null>("dl/layerTable", { textDocument: { uri: doc.uri }, position: { line: 3, character: 20 } });
  t.is(table?.model, "LeNet5");
  t.regex(table!.table, /conv2d[\s\S]*61,706/);

  const messy = client.open("messy.dl", `model  M(){\ninput x:f32[B,4]\n   return x|>dense( 2 )\n}\n`);
  await client.diagnosticsOf(messy, 60000);
  const edits = await client.request<TextEdit[]>("textDocument/formatting", { textDocument: { uri: messy.uri }, options: { tabSize: 2, insertSpaces: true } });
  t.true(edits.length > 0, client.stderr());
  t.regex(edits.map((e) => e.newText).join(""), /model M\(\) \{\n  input x: f32\[B, 4\]\n  return x \|> dense\(2\)\n\}/);

  await client.request("shutdown", null);
  const exited = new Promise<number | null>((r) => client.child!.on("exit", (code) => r(code)));
  client.notify("exit", null);
  t.is(await exited, 0);
  client.rpc.dispose();
});
