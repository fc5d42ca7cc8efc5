import test from "ava";
import type {
  CallHierarchyIncomingCall,
  CallHierarchyItem,
  CallHierarchyOutgoingCall,
  DocumentHighlight,
  DocumentLink,
  SelectionRange,
  SemanticTokens,
  SemanticTokensDelta,
  SymbolInformation,
  WorkspaceEdit,
} from "vscode-languageserver/node";
import { pathToFileURL } from "node:url";
import { startInProcess, writeFileSync, join, type TestClient } from "./helpers.js";

let client: TestClient;
test.before(async () => {
  client = await startInProcess();
});
test.after.always(async () => {
  await client.close();
});

const at = (line: number, character: number) => ({ line, character });
const blocks = `/// Blocks.\n\nmodel Stem(width: int = 8) {\n  input x: f32[B, 28, 28, 1]\n  let h = x |> conv2d(width, kernel=3)\n  return h |> relu\n}\n\nmodel Head() {\n  input x: f32[B, N]\n  return x |> dense(10)\n}\n`;
const app = `import { Stem, Head } from "./blocks"\nmodel Net() {\n  input x: f32[B, 28, 28, 1]\n  return x |> Stem() |> flatten |> Head()\n}\nmodel Twice() {\n  input x: f32[B, 28, 28, 1]\n  return x |> Stem() |> Stem(width=1) |> flatten |> Head()\n}\n`;

async function workspace(prefix: string) {
  const b = client.open(`${prefix}/blocks.dl`, blocks, { write: true });
  const a = client.open(`${prefix}/app.dl`, app, { write: true });
  await client.diagnosticsOf(b);
  await client.diagnosticsOf(a);
  return { a, b };
}

test.serial("workspace/symbol finds models across files by a fuzzy query", async (t) => {
  await workspace("ws");
  const found = await client.request<SymbolInformation[]>("workspace/symbol", { query: "stm" });
  t.true(found.some((s) => s.name === "Stem" && s.location.uri.endsWith("ws/blocks.dl")));
  t.false(found.some((s) => s.name === "Head"));
  const lenet = await client.request<SymbolInformation[]>("workspace/symbol", { query: "TinyNet" });
  t.true(lenet.some((s) => s.containerName === "std/vision/tiny"), "the standard library too");
});

test.serial("documentHighlight marks the declaration as a write and uses as reads", async (t) => {
  const { b } = await workspace("hl");
  const hs = await client.at<DocumentHighlight[]>("textDocument/documentHighlight", { ...b, position: at(4, 22) });
  t.deepEqual(
    hs.map((h) => [h.range.start.line, h.range.start.character, h.kind]),
    [
      [2, 11, 3],
      [4, 22, 2],
    ],
  );
});

test.serial("selectionRange grows from the name to its call, statement, declaration and document", async (t) => {
  const { b } = await workspace("sel");
  const [r] = await client.request<SelectionRange[]>("textDocument/selectionRange", { textDocument: { uri: b.uri }, positions: [at(4, 17)] });
  const chain: string[] = [];
  const lines = blocks.split("\n");
  for (let s: SelectionRange | undefined = r; s; s = s.parent) {
    const { start, end } = s.range;
    chain.push(start.line === end.line ? lines[start.line]!.slice(start.character, end.character) : `lines ${start.line}-${end.line}`);
  }
  t.is(chain[0], "conv2d");
  t.true(chain.includes("conv2d(width, kernel=3)"), chain.join(" | "));
  t.true(chain.includes("lines 2-6"), chain.join(" | "));
  t.is(chain.at(-1), "lines 0-12");
});

test.serial("documentLink turns import paths into links to their files", async (t) => {
  const { a } = await workspace("links");
  const links = await client.request<DocumentLink[]>("textDocument/documentLink", { textDocument: { uri: a.uri } });
  t.is(links.length, 1);
  t.is(links[0]!.target, pathToFileURL(join(client.root, "links/blocks.dl")).href);
  t.deepEqual(links[0]!.range, { start: at(0, 28), end: at(0, 36) });
});

test.serial("semantic tokens: a range holds only its lines, full/delta answers with edits", async (t) => {
  const { b } = await workspace("sem");
  const full = await client.request<SemanticTokens>("textDocument/semanticTokens/full", { textDocument: { uri: b.uri } });
  t.truthy(full.resultId);
  const range = await client.request<SemanticTokens>("textDocument/semanticTokens/range", { textDocument: { uri: b.uri }, range: { start: at(4, 0), end: at(5, 0) } });
  // Relative encoding: the first token's line is absolute, the rest are on the same line (delta 0).
  t.is(range.data[0], 4);
  for (let i = 5; i < range.data.length; i += 5) t.is(range.data[i], 0);
  t.true(range.data.length < full.data.length);
  client.change(b, [{ range: { start: at(5, 14), end: at(5, 14) }, text: " |> relu" }]);
  await client.diagnosticsOf(b);
  const delta = await client.request<SemanticTokensDelta>("textDocument/semanticTokens/full/delta", { textDocument: { uri: b.uri }, previousResultId: full.resultId });
  t.truthy(delta.edits, JSON.stringify(delta).slice(0, 200));
  t.true(delta.edits.length >= 1);
  t.true(delta.edits.reduce((n, e) => n + (e.data?.length ?? 0), 0) < full.data.length);
});

test.serial("rename refuses names that would clash: a model, a built-in, a parameter, a dimension", async (t) => {
  const { a, b } = await workspace("clash");
  const refuse = async (doc: typeof a, position: { line: number; character: number }, newName: string, message: RegExp) => {
    const err = await t.throwsAsync<Error>(client.at<WorkspaceEdit>("textDocument/rename", { ...doc, position }, { newName }));
    t.regex(err!.message, message);
  };
  await refuse(b, at(2, 7), "Head", /a model named 'Head' already exists/);
  await refuse(b, at(2, 7), "dense", /'dense' is a built-in layer/);
  await refuse(b, at(4, 6), "width", /'width' is already a parameter of Stem/);
  await refuse(client.open("clash/dims.dl", `model D(k: int = 2) {\n  input x: f32[B, N]\n  let y = x |> dense(k)\n  return y\n}\n`), at(2, 6), "N", /'N' is already a dimension of D/);
  const ok = await client.at<WorkspaceEdit>("textDocument/rename", { ...b, position: at(2, 7) }, { newName: "Trunk" });
  t.is(Object.keys(ok.changes!).length, 2);
});

test.serial("willRenameFiles rewrites the imports of a renamed or moved file", async (t) => {
  const { a, b } = await workspace("move");
  const edit = await client.request<WorkspaceEdit>("workspace/willRenameFiles", {
    files: [{ oldUri: b.uri, newUri: pathToFileURL(join(client.root, "move/lib/blocks2.dl")).href }],
  });
  t.deepEqual(edit.changes?.[a.uri]?.map((e) => e.newText), ['"./lib/blocks2"']);
  // Moving the importer down a folder keeps its import pointing at the same file.
  writeFileSync(join(client.root, "move/app.dl"), app);
  const moved = await client.request<WorkspaceEdit>("workspace/willRenameFiles", {
    files: [{ oldUri: a.uri, newUri: pathToFileURL(join(client.root, "move/sub/app.dl")).href }],
  });
  t.deepEqual(moved.changes?.[a.uri]?.map((e) => e.newText), ['"../blocks"']);
});

test.serial("call hierarchy: the models that use a model, and the models a model uses", async (t) => {
  const { b, a } = await workspace("calls");
  const [item] = await client.at<CallHierarchyItem[]>("textDocument/prepareCallHierarchy", { ...b, position: at(2, 8) });
  t.is(item!.name, "Stem");
  const incoming = await client.request<CallHierarchyIncomingCall[]>("callHierarchy/incomingCalls", { item });
  t.deepEqual(incoming.map((c) => [c.from.name, c.fromRanges.length]).sort(), [
    ["Net", 1],
    ["Twice", 2],
  ]);
  const [net] = await client.at<CallHierarchyItem[]>("textDocument/prepareCallHierarchy", { ...a, position: at(3, 15) });
  t.is(net!.name, "Stem");
  const [twice] = await client.at<CallHierarchyItem[]>("textDocument/prepareCallHierarchy", { ...a, position: at(5, 8) });
  const outgoing = await client.request<CallHierarchyOutgoingCall[]>("callHierarchy/outgoingCalls", { item: twice });
  t.deepEqual(outgoing.map((c) => [c.to.name, c.fromRanges.length]).sort(), [
    ["Head", 1],
    ["Stem", 2],
  ]);
});
