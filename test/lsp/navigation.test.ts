import test from "ava";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import type { Location, Range, WorkspaceEdit } from "vscode-languageserver/node";
import { fixtureStd, startInProcess, type OpenedDoc, type TestClient } from "./helpers.js";

let client: TestClient;
test.before(async () => {
  client = await startInProcess();
});
test.after.always(async () => {
  await client.close();
});

let n = 0;
const lib = `/// An encoder.\nmodel Enc(units: int = 4) {\n  input x: f32[B, 8]\n  return x |> dense(units)\n}\n`;
const line = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const where = (locs: Location[]) => locs.map((l) => `${l.uri.split("/").pop()}@${line(l.range)}`);

function pair(app: string): { lib: OpenedDoc; app: OpenedDoc; prefix: string } {
  const prefix = `nav${n++}`;
  return { lib: client.open(`${prefix}/lib.dl`, lib), app: client.open(`${prefix}/app.dl`, app), prefix };
}

test("go to definition: a local name, a model in this file", async (t) => {
  const name = `def-${n++}.dl`;
  const doc = client.open(name, `model M() {\n  input x: f32[B, 4]\n  let h = x |> relu\n  return h<|> |> dense(2)\n}\n`);
  t.deepEqual(where(await client.at<Location[]>("textDocument/definition", doc)), [`${name}@2:6-2:7`]);
});

test("go to definition across an import, and from the import's path to the module", async (t) => {
  const { app } = pair(`import { Enc } from "./lib"\nmodel App() {\n  input x: f32[B, 8]\n  return x |> En<|>c(2)\n}\n`);
  t.deepEqual(where(await client.at<Location[]>("textDocument/definition", app)), ["lib.dl@1:6-1:9"]);
  const onPath = client.open(`nav${n++}/other.dl`, `import { Enc } from "./l<|>ib"\n`);
  client.open(onPath.path.replace("other.dl", "lib.dl").split("/").slice(-2).join("/"), lib);
  t.deepEqual(where(await client.at<Location[]>("textDocument/definition", onPath)), ["lib.dl@0:0-0:0"]);
});

test("go to definition into std/", async (t) => {
  const doc = client.open(`std-${n++}.dl`, `import { TinyNet } from "std/vision/tiny"\ntrain t {\n  model net = Tiny<|>Net()\n}\n`);
  const locs = await client.at<Location[]>("textDocument/definition", doc);
  t.is(locs[0]!.uri, pathToFileURL(join(fixtureStd, "vision/tiny.dl")).href);
  t.is(line(locs[0]!.range), "1:6-1:13");
});

test("built-ins have no definition", async (t) => {
  const doc = client.open(`def-${n++}.dl`, `model M() {\n  input x: f32[B, 4]\n  return x |> re<|>lu\n}\n`);
  t.deepEqual(await client.at<Location[]>("textDocument/definition", doc), []);
});

test("find references: a let, with and without its declaration", async (t) => {
  const doc = client.open(`refs-${n++}.dl`, `model M() {\n  input x: f32[B, 4]\n  let h<|> = x |> relu\n  let g = h + h\n  return g\n}\n`);
  t.is((await client.at<Location[]>("textDocument/references", doc, { context: { includeDeclaration: true } })).length, 3);
  t.deepEqual(where(await client.at<Location[]>("textDocument/references", doc, { context: { includeDeclaration: false } })).map((w) => w.split("@")[1]), ["3:10-3:11", "3:14-3:15"]);
});

test("find references of a model reaches the files that import it", async (t) => {
  const { lib: l } = pair(`import { Enc } from "./lib"\nmodel App() {\n  input x: f32[B, 8]\n  let a = x |> Enc(2)\n  return a |> Enc()\n}\n`);
  const doc = { ...l, position: { line: 1, character: 7 } };
  const refs = where(await client.at<Location[]>("textDocument/references", doc, { context: { includeDeclaration: true } }));
  t.deepEqual(refs, ["app.dl@0:9-0:12", "app.dl@3:15-3:18", "app.dl@4:14-4:17", "lib.dl@1:6-1:9"]);
});

test("built-in references stay in the open documents", async (t) => {
  const doc = client.open(`bi-${n++}.dl`, `model M() {\n  input x: f32[B, 4]\n  return x |> relu<|> |> dense(2) |> relu\n}\n`);
  const refs = await client.at<Location[]>("textDocument/references", doc, { context: { includeDeclaration: true } });
  t.true(refs.filter((r) => r.uri === doc.uri).length === 2);
});

test("prepareRename gives the name's range; built-ins and std/ cannot be renamed", async (t) => {
  const doc = client.open(`pr-${n++}.dl`, `model M() {\n  input x: f32[B, 4]\n  let hid<|>den = x |> relu\n  return hidden\n}\n`);
  t.deepEqual(await client.at("textDocument/prepareRename", doc), { range: { start: { line: 2, character: 6 }, end: { line: 2, character: 12 } }, placeholder: "hidden" });
  const builtin = client.open(`pr-${n++}.dl`, `model M() {\n  input x: f32[B, 4]\n  return x |> re<|>lu\n}\n`);
  await t.throwsAsync(client.at("textDocument/prepareRename", builtin), { message: /built in/ });
  const std = client.open(`pr-${n++}.dl`, `import { TinyNet } from "std/vision/tiny"\ntrain t {\n  model net = Tiny<|>Net()\n}\n`);
  await t.throwsAsync(client.at("textDocument/prepareRename", std), { message: /standard library/ });
});

test("rename a local renames its declaration and every use", async (t) => {
  const doc = client.open(`rn-${n++}.dl`, `model M() {\n  input x: f32[B, 4]\n  let h<|> = x |> relu\n  return h + h\n}\n`);
  const edit = await client.at<WorkspaceEdit>("textDocument/rename", doc, { newName: "hidden" });
  const edits = edit.changes![doc.uri]!;
  t.deepEqual(edits.map((e) => line(e.range)), ["2:6-2:7", "3:9-3:10", "3:13-3:14"]);
  t.true(edits.every((e) => e.newText === "hidden"));
  await t.throwsAsync(client.at("textDocument/rename", doc, { newName: "let" }), { message: /not a valid name/ });
});

test("a name bound by tuple destructuring renames, and is a document symbol, like any let", async (t) => {
  const doc = client.open(`rn-${n++}.dl`, `model M() {\n  input x: f32[B, 4]\n  let (a, b<|>) = (x |> dense(2), x |> dense(3))\n  return b |> dense(1) + a |> dense(1)\n}\n`);
  const edit = await client.at<WorkspaceEdit>("textDocument/rename", doc, { newName: "second" });
  t.deepEqual(edit.changes![doc.uri]!.map((e) => line(e.range)), ["2:10-2:11", "3:9-3:10"]);
  const symbols = await client.request<{ children?: { name: string }[] }[]>("textDocument/documentSymbol", { textDocument: { uri: doc.uri } });
  t.deepEqual(symbols[0]!.children!.map((c) => c.name), ["x", "a", "b"]);
});

test("rename a model across files; an alias keeps its local name", async (t) => {
  const { lib: l, app } = pair(`import { Enc } from "./lib"\nmodel App() {\n  input x: f32[B, 8]\n  return x |> Enc(2)\n}\n`);
  const aliased = client.open(l.path.replace("lib.dl", "alias.dl").split("/").slice(-2).join("/"), `import { Enc as E } from "./lib"\nmodel A2() {\n  input x: f32[B, 8]\n  return x |> E()\n}\n`);
  const edit = await client.at<WorkspaceEdit>("textDocument/rename", { ...l, position: { line: 1, character: 7 } }, { newName: "Encoder" });
  t.deepEqual(edit.changes![l.uri]!.map((e) => line(e.range)), ["1:6-1:9"]);
  t.deepEqual(edit.changes![app.uri]!.map((e) => line(e.range)), ["0:9-0:12", "3:14-3:17"]);
  t.deepEqual(edit.changes![aliased.uri]!.map((e) => line(e.range)), ["0:9-0:12"]);
  // Renaming the alias renames only the local name.
  const local = await client.at<WorkspaceEdit>("textDocument/rename", { ...aliased, position: { line: 3, character: 15 } }, { newName: "Encode" });
  t.deepEqual(Object.keys(local.changes!), [aliased.uri]);
  t.deepEqual(local.changes![aliased.uri]!.map((e) => line(e.range)), ["0:16-0:17", "3:14-3:15"]);
});
