import test from "ava";
import type { CodeAction, TextEdit } from "vscode-languageserver/node";
import { startInProcess, type TestClient, type OpenedDoc } from "./helpers.js";

let client: TestClient;
test.before(async () => {
  client = await startInProcess();
});
test.after.always(async () => {
  await client.close();
});

let n = 0;
async function fixes(source: string): Promise<{ doc: OpenedDoc; actions: CodeAction[] }> {
  const doc = client.open(`fix-${n++}.dl`, source);
  const diagnostics = await client.diagnosticsOf(doc);
  const range = diagnostics[0]?.range ?? { start: doc.position, end: doc.position };
  const actions = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri: doc.uri }, range, context: { diagnostics } });
  return { doc, actions };
}

/** Applies one action's edits to the document's text. */
function apply(doc: OpenedDoc, action: CodeAction): string {
  const edits = [...(action.edit!.changes![doc.uri] ?? [])].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  const lines = doc.text.split("\n");
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((a, l) => a + l.length + 1, 0) + p.character;
  let text = doc.text;
  for (const e of edits) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}

test("quick fix: insert flatten before dense on an image", async (t) => {
  const { doc, actions } = await fixes(`model M() {\n  input x: f32[B, 28, 28, 1]\n  return x |> conv2d(8) |> dense(10)\n}\n`);
  const fix = actions.find((a) => /flatten/.test(a.title));
  t.truthy(fix, JSON.stringify(actions));
  t.is(fix!.kind, "quickfix");
  t.is(apply(doc, fix!), `model M() {\n  input x: f32[B, 28, 28, 1]\n  return x |> conv2d(8) |> flatten |> dense(10)\n}\n`);
});

test("quick fix: did you mean, for names, arguments and imports", async (t) => {
  const name = await fixes(`model M() {\n  input x: f32[B, 4]\n  return x |> rellu\n}\n`);
  t.is(name.actions[0]!.title, "Change to 'relu'");
  t.regex(apply(name.doc, name.actions[0]!), /x \|> relu\n/);
  const arg = await fixes(`model M() {\n  input x: f32[B, 8, 8, 1]\n  return x |> conv2d(4, kernal=3)\n}\n`);
  t.is(apply(arg.doc, arg.actions[0]!).includes("conv2d(4, kernel=3)"), true);
  const imp = await fixes(`import { TinyNett } from "std/vision/tiny"\n`);
  t.is(imp.actions[0]!.title, "Change to 'TinyNet'");
});

test("quick fix: add the import of a model the standard library declares", async (t) => {
  const { doc, actions } = await fixes(`train t {\n  model net = TinyNet()\n}\n`);
  const add = actions.find((a) => a.title.startsWith("Import"));
  t.is(add?.title, `Import 'TinyNet' from "std/vision/tiny"`);
  t.true(apply(doc, add!).startsWith(`import { TinyNet } from "std/vision/tiny"\n\ntrain t {`));
  const after = await fixes(`import { MLPBlock } from "std/blocks/mlp"\ntrain t {\n  model net = TinyNet()\n}\n`);
  const add2 = after.actions.find((a) => a.title.startsWith("Import"))!;
  t.true(apply(after.doc, add2).startsWith(`import { MLPBlock } from "std/blocks/mlp"\nimport { TinyNet } from "std/vision/tiny"\ntrain`));
});

test("formatting goes through the prettier plugin and declines on syntax errors", async (t) => {
  const doc = client.open(`fmt-${n++}.dl`, `model   M( ) {\n input x: f32[B,4]\n      return x|>relu\n}\n`);
  const edits = await client.request<TextEdit[]>("textDocument/formatting", { textDocument: { uri: doc.uri }, options: { tabSize: 2, insertSpaces: true } });
  t.is(edits.length, 1);
  t.regex(edits[0]!.newText, /^model M\(\) \{\n  input x: f32\[B, 4\]\n  return x \|> relu\n\}\n$/);
  const bad = client.open(`fmt-${n++}.dl`, `model M( {\n`);
  t.deepEqual(await client.request<TextEdit[]>("textDocument/formatting", { textDocument: { uri: bad.uri }, options: { tabSize: 2, insertSpaces: true } }), []);
});
