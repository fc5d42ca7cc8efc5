import test from "ava";
import type { DocumentSymbol, FoldingRange, SemanticTokens, SemanticTokensLegend } from "vscode-languageserver/node";
import { startInProcess, type TestClient } from "./helpers.js";

let client: TestClient;
let legend: SemanticTokensLegend;
test.before(async () => {
  client = await startInProcess();
  const { semanticTokensLegend } = await import("../../lsp/server/semantic-tokens.js");
  legend = semanticTokensLegend;
});
test.after.always(async () => {
  await client.close();
});

const program = `import { TinyNet } from "std/vision/tiny"
// #region models
/// An MLP.
model MLP(hidden: int = 32) {
  input x: f32[B, 28, 28, 1]
  layer fc = dense(hidden)
  let h = x
    |> flatten
    |> fc
  return h |> dense(10)
}
// #endregion

// Two line comments
// fold together.
train t {
  data train = mnist(split="train") |> batch(32)
  model net = MLP()
  optimizer opt = adam(net, lr=1e-3)
  epochs 1
  for (x, y) in train {
    let logits = net(x)
    step opt minimize cross_entropy(logits, y)
  }
  evaluate (x, y) in train {
    metric acc = accuracy(net(x), y)
  }
}
`;

let n = 0;
test("document symbols: the outline of models and train blocks", async (t) => {
  const doc = client.open(`sym-${n++}.dl`, program);
  const symbols = await client.request<DocumentSymbol[]>("textDocument/documentSymbol", { textDocument: { uri: doc.uri } });
  const outline = (s: DocumentSymbol): unknown => (s.children ? { [s.name]: s.children.map(outline) } : s.name);
  t.deepEqual(symbols.map(outline), [
    "TinyNet",
    { MLP: ["hidden", "x", "fc", "h"] },
    { t: ["train", "net", "opt", { "for ... in train": ["logits", "opt"] }, { "evaluate ... in train": ["acc"] }] },
  ]);
  const mlp = symbols[1]!;
  t.is(mlp.detail, "An MLP.");
  t.deepEqual(mlp.selectionRange, { start: { line: 3, character: 6 }, end: { line: 3, character: 9 } });
  t.is(mlp.range.end.line, 10);
});

test("folding: declarations, blocks, long statements, comments and regions", async (t) => {
  const doc = client.open(`fold-${n++}.dl`, program);
  const ranges = await client.request<FoldingRange[]>("textDocument/foldingRange", { textDocument: { uri: doc.uri } });
  const show = ranges.map((r) => `${r.startLine}-${r.endLine}${r.kind ? ` ${r.kind}` : ""}`).sort();
  for (const expected of ["3-9", "6-8", "15-26", "20-22", "24-25", "1-11 region", "13-14 comment"]) t.true(show.includes(expected), `${expected} in ${show.join(", ")}`);
});

test("semantic tokens: soft keywords used as names are names, declarations are marked", async (t) => {
  const doc = client.open(`sem-${n++}.dl`, program);
  const tokens = await client.request<SemanticTokens>("textDocument/semanticTokens/full", { textDocument: { uri: doc.uri } });
  // Decode the relative encoding into (line, char, length, type, modifiers).
  const lines = program.split("\n");
  const decoded: { text: string; type: string; mods: string[] }[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [dl, dc, len, type, mods] = tokens.data.slice(i, i + 5) as [number, number, number, number, number];
    line += dl;
    char = dl ? dc : char + dc;
    decoded.push({ text: lines[line]!.slice(char, char + len), type: legend.tokenTypes[type]!, mods: legend.tokenModifiers.filter((_, b) => mods & (1 << b)) });
  }
  const find = (text: string, nth = 0) => decoded.filter((d) => d.text === text)[nth];
  t.deepEqual(find("train", 0), { text: "train", type: "keyword", mods: [] });
  t.deepEqual(find("train", 1), { text: "train", type: "variable", mods: ["declaration"] });
  t.is(find("train", 3)!.type, "variable");
  t.deepEqual(find("MLP", 0), { text: "MLP", type: "class", mods: ["declaration"] });
  t.deepEqual(find("dense"), { text: "dense", type: "function", mods: ["defaultLibrary"] });
  t.is(find("fc", 1)!.type, "function");
  t.is(find("hidden", 1)!.type, "parameter");
  t.is(find("B")!.type, "typeParameter");
  t.is(find("f32")!.type, "type");
  t.is(find("split")!.type, "property");
  t.is(find('"train"')!.type, "string");
  t.is(find("1e-3")!.type, "number");
  t.is(find("|>")!.type, "operator");
  t.deepEqual(find("/// An MLP."), { text: "/// An MLP.", type: "comment", mods: ["documentation"] });
  t.is(find("model")!.type, "keyword");
});
