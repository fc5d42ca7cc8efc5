import test from "ava";
import type { CodeAction, CodeLens, CompletionItem, CompletionList, Diagnostic, Hover } from "vscode-languageserver/node";
import { startInProcess, writeFileSync, join, type TestClient } from "./helpers.js";

let client: TestClient;
test.before(async () => {
  client = await startInProcess();
});
test.after.always(async () => {
  await client.close();
});

let n = 0;
async function complete(source: string, c = client): Promise<CompletionItem[]> {
  const doc = c.open(`fix-completion-${n++}.dl`, source);
  const list = await c.at<CompletionList | null>("textDocument/completion", doc);
  return list?.items ?? [];
}
const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const hoverText = (h: Hover | null) => JSON.stringify(h?.contents ?? "");

test("a Created file event refreshes an importer that could not find it", async (t) => {
  const doc = client.open("uses-later.dl", `import { Later } from "./later"\nmodel A() {\n  input x: f32[B, 4]\n  return x |> Later()\n}\n`);
  const before = await client.diagnosticsOf(doc);
  t.true(before.some((d) => /cannot find module/.test(String(d.message))), JSON.stringify(before));
  writeFileSync(join(client.root, "later.dl"), `model Later() {\n  input x: f32[B, N]\n  return x |> dense(2)\n}\n`);
  const published = client.publications.length;
  client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: client.docs.get(doc.uri)!.uri.replace("uses-later", "later"), type: 1 }] });
  for (let i = 0; i < 200 && !client.publications.slice(published).some((p) => p.uri === doc.uri); i++) await new Promise((r) => setTimeout(r, 10));
  const after = client.publications.slice(published).filter((p) => p.uri === doc.uri).at(-1);
  t.deepEqual(after?.diagnostics, []);
});

test("completion after `mnist(...).` offers the data set's fields", async (t) => {
  const items = await complete(`train t {\n  data d = mnist(split="train").<|>\n}\n`);
  t.deepEqual(labels(items).sort(), ["x", "y"]);
  t.regex(String(items.find((i) => i.label === "x")!.detail), /f32\[28, 28, 1\]/);
});

test("`same` and `valid` are listed once after `padding=`", async (t) => {
  const items = labels(await complete(`model A() {\n  input x: f32[B, 8, 8, 1]\n  return x |> conv2d(4, kernel=3, padding=<|>)\n}\n`));
  t.is(items.filter((l) => l === "same").length, 1);
  t.is(items.filter((l) => l === "valid").length, 1);
});

test("a train block offers every statement keyword of the grammar, `samples` included", async (t) => {
  const items = labels(await complete(`train t {\n  data d = mnist() |> batch(8)\n  <|>\n}\n`));
  for (const k of ["data", "model", "optimizer", "epochs", "seed", "for", "evaluate", "checkpoint", "samples"]) t.true(items.includes(k), k);
});

test("completion items carry their documentation inline for a client without completionItem/resolve", async (t) => {
  const plain = await startInProcess({ capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } } });
  try {
    const items = await complete(`model A() {\n  input x: f32[B, 8, 8, 1]\n  return x |> <|>\n}\n`, plain);
    const conv = items.find((i) => i.label === "conv2d")!;
    t.truthy(conv.documentation, "documentation inline");
    const tiny = await complete(`import { TinyNet } from "std/vision/tiny"\nmodel A() {\n  input x: f32[B, 28, 28, 1]\n  return x |> <|>\n}\n`, plain);
    t.regex(String(tiny.find((i) => i.label === "TinyNet")!.detail), /model TinyNet\(classes: int = 10\)/);
  } finally {
    await plain.close();
  }
  // A client that resolves gets short lists and asks for documentation per item.
  const resolving = await startInProcess();
  try {
    const items = await complete(`model A() {\n  input x: f32[B, 8, 8, 1]\n  return x |> <|>\n}\n`, resolving);
    t.is(items.find((i) => i.label === "conv2d")!.documentation, undefined);
  } finally {
    await resolving.close();
  }
});

test("code actions honour context.only", async (t) => {
  const doc = client.open("only.dl", `model Net() {\n  input x: f32[B, 28, 28, 1]\n  return x |> conv2d(8, kernel=3) |> dense(10)\n}\n`);
  const diagnostics = await client.diagnosticsOf(doc);
  const ask = (only?: string[]) =>
    client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri: doc.uri }, range: diagnostics[0]!.range, context: { diagnostics, ...(only ? { only } : {}) } });
  t.true((await ask()).length > 0);
  t.true((await ask(["quickfix"])).length > 0);
  t.deepEqual(await ask(["refactor"]), []);
  t.deepEqual(await ask(["source.organizeImports"]), []);
});

test("no inlayHint/refresh or codeLens/refresh to a client that did not declare refresh support", async (t) => {
  for (const refresh of [false, true]) {
    const c = await startInProcess({ capabilities: refresh ? { workspace: { inlayHint: { refreshSupport: true }, codeLens: { refreshSupport: true } } } : {} });
    const asked: string[] = [];
    c.rpc.onRequest("workspace/inlayHint/refresh", () => void asked.push("inlayHint"));
    c.rpc.onRequest("workspace/codeLens/refresh", () => void asked.push("codeLens"));
    c.notify("workspace/didChangeConfiguration", { settings: { dl: { inlayHints: { enabled: false } } } });
    const doc = c.open("r.dl", `model A() {\n  input x: f32[B, 4]\n  return x\n}\n`);
    await c.diagnosticsOf(doc);
    t.deepEqual(asked.sort(), refresh ? ["codeLens", "inlayHint"] : [], `refreshSupport ${refresh}`);
    await c.close();
  }
});

test("requests after shutdown are rejected with InvalidRequest", async (t) => {
  const c = await startInProcess();
  const doc = c.open("s.dl", `model A() {\n  input x: f32[B, 4]\n  return x\n}\n`);
  await c.diagnosticsOf(doc);
  await c.request("shutdown", null);
  const err = await t.throwsAsync<Error & { code: number }>(c.request("textDocument/hover", { textDocument: { uri: doc.uri }, position: { line: 1, character: 3 } }));
  t.is(err?.code, -32600);
  c.rpc.dispose();
});

test("a parametric model's parameter count is a simplified formula in hover and code lens", async (t) => {
  const doc = client.open(
    "formula.dl",
    `model Block(filters: int) {\n  input x: f32[B, H, W, C]\n  return x |> conv2d(filters, kernel=3, padding=same) |> relu |> conv2d(filters, kernel=3, padding=same) |> batchnorm\n}\n`,
  );
  await client.diagnosticsOf(doc);
  const hover = hoverText(await client.request<Hover>("textDocument/hover", { textDocument: { uri: doc.uri }, position: { line: 0, character: 7 } }));
  // conv2d: 9·C·F + F, conv2d: 9·F² + F, batchnorm: 2·F trainable.
  t.regex(hover, /9·C·filters \+ 9·filters² \+ 4·filters/);
  const lenses = await client.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri: doc.uri } });
  t.regex(lenses[0]!.command!.title, /9·C·filters \+ 9·filters² \+ 4·filters/);
});

test("a file's opening doc comment separated by a blank line is the module's, shown on hover of the import", async (t) => {
  writeFileSync(join(client.root, "blocks.dl"), `/// Blocks for small image models.\n\n/// One dense layer.\nmodel Dense1() {\n  input x: f32[B, N]\n  return x |> dense(4)\n}\n\nmodel Dense2() {\n  input x: f32[B, N]\n  return x |> dense(2)\n}\n`);
  const doc = client.open("use-blocks.dl", `import { Dense1, Dense2 } from "./blocks"\nmodel A() {\n  input x: f32[B, 8]\n  return x |> Dense1() |> Dense2()\n}\n`);
  await client.diagnosticsOf(doc);
  const onModel = hoverText(await client.request<Hover>("textDocument/hover", { textDocument: { uri: doc.uri }, position: { line: 0, character: 10 } }));
  t.regex(onModel, /One dense layer/);
  t.notRegex(onModel, /Blocks for small/);
  const onSecond = hoverText(await client.request<Hover>("textDocument/hover", { textDocument: { uri: doc.uri }, position: { line: 0, character: 18 } }));
  t.notRegex(onSecond, /Blocks for small|One dense/);
  const onPath = hoverText(await client.request<Hover>("textDocument/hover", { textDocument: { uri: doc.uri }, position: { line: 0, character: 35 } }));
  t.regex(onPath, /Blocks for small image models/);
});

test("an untitled document's import error does not show an internal path", async (t) => {
  const uri = "untitled:Untitled-1";
  client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "dl", version: 1, text: `import { X } from "./nowhere"\n` } });
  const c = client;
  let diags: Diagnostic[] | undefined;
  for (let i = 0; i < 300 && !diags; i++) {
    diags = c.publications.find((p) => p.uri === uri)?.diagnostics;
    if (!diags) await new Promise((r) => setTimeout(r, 10));
  }
  t.truthy(diags?.length);
  for (const d of diags!) {
    t.notRegex(String(d.message), /__dl_virtual__|untitled%3A/);
  }
  t.regex(String(diags![0]!.message), /unsaved|untitled/i);
});

test("a parameter default of the wrong type is reported at the parameter", async (t) => {
  const doc = client.open("bad-default.dl", `model A(width: int = "wide") {\n  input x: f32[B, 4]\n  return x |> dense(width)\n}\n`);
  const diags = await client.diagnosticsOf(doc);
  const at = diags.find((d) => d.range.start.line === 0);
  t.truthy(at, JSON.stringify(diags));
  t.regex(String(at!.message), /int/);
  t.true(at!.range.start.character >= 8 && at!.range.end.character <= 28, JSON.stringify(at!.range));
});

test("quick fixes for an import path of a missing file and for adam(<model>) instead of its instance", async (t) => {
  writeFileSync(join(client.root, "stems.dl"), `model Stem() {\n  input x: f32[B, 4]\n  return x |> dense(2)\n}\n`);
  const doc = client.open(
    "typo-import.dl",
    `import { Stem } from "./setms"\nmodel mlp() {\n  input x: f32[B, 28, 28, 1]\n  return x |> flatten |> dense(10)\n}\ntrain t {\n  data d = mnist(split="test") |> batch(8)\n  model net = mlp()\n  optimizer opt = adam(mlp)\n  epochs 1\n  for (x, y) in d {\n    step opt minimize cross_entropy(net(x), y)\n  }\n}\n`,
  );
  const diagnostics = await client.diagnosticsOf(doc);
  const edits: string[] = [];
  for (const d of diagnostics) {
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri: doc.uri }, range: d.range, context: { diagnostics: [d] } });
    for (const a of actions) for (const e of Object.values(a.edit?.changes ?? {}).flat()) edits.push(e.newText);
  }
  t.true(edits.includes(`"./stems"`), JSON.stringify({ edits, diagnostics: diagnostics.map((d) => d.message) }));
  t.true(edits.includes("net"), JSON.stringify(edits));
});
