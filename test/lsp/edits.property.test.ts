/**
 * Property: random sequences of insertions and deletions of random text, applied to open
 * documents, never crash the server, and every request after each edit gets an answer.
 */
import test from "ava";
import fc from "fast-check";
import { startInProcess } from "./helpers.js";

const seed = `import { TinyNet } from "std/vision/tiny"
/// A model.
model Net(width: int = 8) {
  input x: f32[B, 28, 28, 1]
  layer fc = dense(10)
  let h = x |> conv2d(width, kernel=3) |> relu |> maxpool(2)
  return h |> flatten |> fc
}
train t {
  data d = mnist(split="train") |> batch(8)
  model net = Net()
  optimizer opt = adam(net, lr=1e-3)
  epochs 1
  for (x, y) in d {
    step opt minimize cross_entropy(net(x), y)
  }
}
`;

/** Fragments that stress the parser: keywords, brackets, operators, partial tokens. */
const fragment = fc.oneof(
  fc.constantFrom("model", "train", "{", "}", "(", ")", "[", "]", "|>", ",", "=", "\n", " ", '"', "///", "//", "/*", "let", "input", "repeat(2) {", "if", "else", "dense(", "x", "1e-3", "..", ".", "import", "from"),
  fc.string({ maxLength: 8 }),
);
const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 12 }), insert: fc.array(fragment, { maxLength: 3 }).map((xs) => xs.join("")) });

const requests = ["textDocument/hover", "textDocument/completion", "textDocument/signatureHelp", "textDocument/definition", "textDocument/references", "textDocument/prepareRename"];

test("random edits never crash the server and every request is answered", async (t) => {
  const client = await startInProcess();
  const doc = client.open("fuzz.dl", seed);
  await client.diagnosticsOf(doc);
  let rounds = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), fc.nat(), async (edits, where) => {
      for (const e of edits) {
        const start = e.at % (doc.text.length + 1);
        const end = Math.min(doc.text.length, start + e.remove);
        const before = doc.text;
        const pos = (o: number) => {
          const lines = before.slice(0, o).split("\n");
          return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
        };
        client.change(doc, [{ range: { start: pos(start), end: pos(end) }, text: e.insert }]);
      }
      const offset = where % (doc.text.length + 1);
      const lines = doc.text.slice(0, offset).split("\n");
      const position = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
      const at = { ...doc, position };
      await client.diagnosticsOf(doc);
      for (const method of requests) {
        // A rejected prepareRename is an answer too.
        await client.at(method, at, { context: { includeDeclaration: true } }).catch((err: { code?: number }) => {
          if (typeof err.code !== "number") throw err;
        });
      }
      const uri = { textDocument: { uri: doc.uri } };
      const range = { start: { line: 0, character: 0 }, end: { line: 10000, character: 0 } };
      await client.request("textDocument/documentSymbol", uri);
      await client.request("textDocument/foldingRange", uri);
      await client.request("textDocument/semanticTokens/full", uri);
      await client.request("textDocument/inlayHint", { ...uri, range });
      await client.request("textDocument/codeLens", uri);
      await client.request("textDocument/codeAction", { ...uri, range, context: { diagnostics: [] } });
      rounds++;
      // Every so often, go back to the well-formed program so edits keep hitting meaningful code.
      if (rounds % 10 === 0) client.replace(doc, seed);
    }),
    { numRuns: Number(process.env.DL_LSP_FUZZ_RUNS ?? 60), seed: Number(process.env.DL_LSP_FUZZ_SEED ?? 20240611) },
  );
  t.true(rounds > 0);
  await client.close();
});
