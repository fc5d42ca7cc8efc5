import test from "ava";
import type { CompletionList, Hover, MarkupContent } from "vscode-languageserver/node";
import { startChild } from "./helpers.js";

test("the server runs as a child process over stdio", async (t) => {
  const client = await startChild();
  const doc = client.open(
    "child.dl",
    `model M() {\n  input x: f32[B, 28, 28, 1]\n  return x |> fla<|>tten |> dense(10)\n}\nmodel Typo() {\n  input x: f32[B, 4]\n  return x |> rellu\n}\n`,
  );
  const diags = await client.diagnosticsOf(doc, 60000);
  t.deepEqual(diags.map((d) => d.code), ["DL2001"]);
  const hover = await client.at<Hover>("textDocument/hover", doc);
  t.regex((hover.contents as MarkupContent).value, /Output: `\[B, 784\]`/);
  const list = await client.at<CompletionList>("textDocument/completion", { ...doc, position: { line: 2, character: 14 } });
  t.true(list.items.some((i) => i.label === "conv2d"));
  await client.close();
});
