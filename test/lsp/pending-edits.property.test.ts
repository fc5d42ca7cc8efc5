/**
 * Property: a burst of edits applied in one pass (`applyEdits`, used when queued edits are read)
 * gives the same text as `TextDocument.update` applying them one by one, for any ranges (past the
 * end, reversed, negative columns), insertions with line breaks and whole-text replacements.
 * (The reference re-creates the document before each edit: `TextDocument.update` keeps line
 * offsets of lines past the end after such an edit, and its later edits then land elsewhere.)
 */
import test from "ava";
import fc from "fast-check";
import { TextDocument, type TextDocumentContentChangeEvent } from "vscode-languageserver-textdocument";
import { applyEdits } from "../../lsp/server/pending-edits.js";

const text = fc.array(fc.constantFrom("a", "bc", "\n", " ", "é", "😀", "model", "\n\n"), { maxLength: 30 }).map((xs) => xs.join(""));
const position = fc.record({ line: fc.integer({ min: -1, max: 12 }), character: fc.integer({ min: -1, max: 20 }) });
const change: fc.Arbitrary<TextDocumentContentChangeEvent> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text }) },
  { weight: 1, arbitrary: fc.record({ text }) },
);

test("applying queued edits in one pass equals applying them one by one", (t) => {
  fc.assert(
    fc.property(text, fc.array(change, { minLength: 4, maxLength: 40 }), (initial, changes) => {
      const one = TextDocument.create("file:///a.dl", "dl", 1, initial);
      let sequential = TextDocument.create("file:///a.dl", "dl", 1, initial);
      for (const c of changes) sequential = TextDocument.update(TextDocument.create("file:///a.dl", "dl", 1, sequential.getText()), [c], 2);
      const batched = applyEdits(one, changes, 2);
      return batched.getText() === sequential.getText() && batched.version === 2 && batched.lineCount === TextDocument.create("file:///a.dl", "dl", 2, sequential.getText()).lineCount;
    }),
    { numRuns: 3000, seed: 14 },
  );
  t.pass();
});

test("a burst of 500 one-character edits to a 300 KB text is applied without 500 copies of it", (t) => {
  const lines = Array.from({ length: 10000 }, (_, i) => `  let h${i} = x |> dense(128) |> relu`);
  const doc = TextDocument.create("file:///b.dl", "dl", 1, lines.join("\n"));
  const changes = Array.from({ length: 500 }, (_, k) => {
    const line = (k * 37) % 10000;
    return { range: { start: { line, character: 2 }, end: { line, character: 2 } }, text: "x" };
  });
  const expected = TextDocument.update(TextDocument.create("file:///b.dl", "dl", 1, lines.join("\n")), changes, 2).getText();
  t.is(applyEdits(doc, changes, 2).getText(), expected);
});
