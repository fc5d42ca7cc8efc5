import test from "ava";
import type { CodeLens, InlayHint } from "vscode-languageserver/node";
import { startInProcess } from "./helpers.js";

const source = `model LeNet5(classes: int = 10) {
  input x: f32[B, 32, 32, 1]
  let f = x |> conv2d(6, kernel=5) |> tanh |> avgpool(2)
  return f
    |> conv2d(16, kernel=5) |> tanh |> avgpool(2)
    |> flatten |> dense(120) |> tanh |> dense(84) |> tanh
    |> dense(classes)
}
model Block(width: int) {
  input x: f32[B, N]
  return x |> dense(width) |> batchnorm
}
`;
const whole = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };

test("inlay hints show the shape after each stage and on lets; a setting turns them off", async (t) => {
  const client = await startInProcess();
  const doc = client.open("hints.dl", source);
  const hints = await client.request<InlayHint[]>("textDocument/inlayHint", { textDocument: { uri: doc.uri }, range: whole });
  const shown = hints.filter((h) => h.position.line === 2).map((h) => `${h.position.character}:${String(h.label)}`);
  t.deepEqual(shown, ["7:: [B, 14, 14, 6]", "34:[B, 28, 28, 6]", "42:[B, 28, 28, 6]", "56:[B, 14, 14, 6]"]);
  t.is(hints.find((h) => h.position.line === 2 && h.position.character === 34)!.tooltip, "156 parameters");
  t.is(String(hints.find((h) => h.position.line === 6)!.label), "[B, 10]");
  // Only the requested range.
  const some = await client.request<InlayHint[]>("textDocument/inlayHint", { textDocument: { uri: doc.uri }, range: { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } } });
  t.is(some.length, 1);
  client.notify("workspace/didChangeConfiguration", { settings: { dl: { inlayHints: { enabled: false } } } });
  t.deepEqual(await client.request<InlayHint[]>("textDocument/inlayHint", { textDocument: { uri: doc.uri }, range: whole }), []);
  await client.close();
});

test("inlay hints can start disabled from the initialization options", async (t) => {
  const client = await startInProcess({ initializationOptions: { settings: { inlayHints: { enabled: false } } } });
  const doc = client.open("off.dl", source);
  t.deepEqual(await client.request<InlayHint[]>("textDocument/inlayHint", { textDocument: { uri: doc.uri }, range: whole }), []);
  await client.close();
});

test("a code lens on each model shows its exact parameter count", async (t) => {
  const client = await startInProcess();
  const doc = client.open("lens.dl", source);
  const lenses = await client.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri: doc.uri } });
  const shown = lenses.map((l) => `${l.range.start.line}:${l.range.start.character} ${l.command!.title}`);
  t.is(shown[0], "0:6 61,706 parameters");
  // A count that depends on a parameter or dimension is shown as its formula.
  t.regex(shown[1]!, /^8:6 N·width \+ 3·width parameters \(\+ 2·width non-trainable\)$/);
  await client.close();
});

test("inlay hints show the shapes up to an error in a model", async (t) => {
  const client = await startInProcess();
  const broken = source.replace("|> dense(84) |> tanh", "|> dense(84) |> tanx");
  const doc = client.open("broken.dl", broken);
  const diagnostics = await client.diagnosticsOf(doc);
  t.true(diagnostics.some((d) => String(d.message).includes("unknown name 'tanx'")));
  const hints = await client.request<InlayHint[]>("textDocument/inlayHint", { textDocument: { uri: doc.uri }, range: whole });
  const shown = hints.filter((h) => h.position.line === 2).map((h) => `${h.position.character}:${String(h.label)}`);
  t.deepEqual(shown, ["7:: [B, 14, 14, 6]", "34:[B, 28, 28, 6]", "42:[B, 28, 28, 6]", "56:[B, 14, 14, 6]"]);
  t.true(hints.some((h) => h.position.line === 5 && String(h.label) === "[B, 84]"), "up to the stage before the error");
  await client.close();
});
