import test from "ava";
import { startInProcess } from "./helpers.js";

test("pushes the compiler's diagnostics on open and again after each edit", async (t) => {
  const client = await startInProcess();
  const doc = client.open(
    "net.dl",
    `model Net() {
  input x: f32[B, 28, 28, 1]
  return x |> conv2d(8, kernel=3) |> dense(10)
}
`,
  );
  const first = await client.diagnosticsOf(doc);
  t.is(first.length, 1);
  t.is(first[0]!.code, "DL3001");
  t.is(first[0]!.source, "dl");
  t.regex(String(first[0]!.message), /insert `flatten`/);
  t.deepEqual(first[0]!.range.start, { line: 2, character: 37 });

  // Insert `|> flatten ` before `dense(10)`: the error goes away.
  client.change(doc, [{ range: { start: { line: 2, character: 37 }, end: { line: 2, character: 37 } }, text: "flatten |> " }]);
  t.deepEqual(await client.diagnosticsOf(doc), []);

  // A typo: unknown name with a suggestion.
  client.change(doc, [{ range: { start: { line: 2, character: 14 }, end: { line: 2, character: 20 } }, text: "conv2" }]);
  const typo = await client.diagnosticsOf(doc);
  t.is(typo[0]!.code, "DL2001");
  t.regex(String(typo[0]!.message), /did you mean 'conv2d'/);
  await client.close();
});

test("syntax errors come with the partial tree's other diagnostics", async (t) => {
  const client = await startInProcess();
  const doc = client.open("bad.dl", `model A() {\n  input x: f32[B, 4]\n  return x |> dense(\n}\n`);
  const diags = await client.diagnosticsOf(doc);
  t.true(diags.some((d) => String(d.code).startsWith("DL1")));
  await client.close();
});

test("an importer is re-checked when the document it imports changes", async (t) => {
  const client = await startInProcess();
  const lib = client.open("lib.dl", `model Enc() {\n  input x: f32[B, 8]\n  return x |> dense(4)\n}\n`);
  const app = client.open("app.dl", `import { Enc } from "./lib"\nmodel App() {\n  input x: f32[B, 8]\n  return x |> Enc() |> dense(2)\n}\n`);
  t.deepEqual(await client.diagnosticsOf(app), []);
  await client.diagnosticsOf(lib);
  client.replace(lib, `model Encoder() {\n  input x: f32[B, 8]\n  return x |> dense(4)\n}\n`);
  await client.diagnosticsOf(lib);
  // The importer's diagnostics are pushed again (same version, new content).
  const deadline = Date.now() + 10000;
  let diags = await client.diagnosticsOf(app);
  while (!diags.length && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    diags = await client.diagnosticsOf(app);
  }
  t.is(diags[0]?.code, "DL2006");
  t.regex(String(diags[0]!.message), /Encoder/);
  await client.close();
});

test("an edit inside an imported model reaches the importer's counts and errors", async (t) => {
  const client = await startInProcess();
  const lib = client.open("lib2.dl", `model Enc() {\n  input x: f32[B, 8]\n  return x |> dense(4)\n}\nmodel Other() {\n  input x: f32[B, 8]\n  return x\n}\n`);
  const app = client.open("app2.dl", `import { Enc, Other } from "./lib2"\nmodel App() {\n  input x: f32[B, 8]\n  return x |> Other() |> Enc() |> dense(2)\n}\n`);
  t.deepEqual(await client.diagnosticsOf(app), []);
  const lensTitle = async () => (await client.request<{ command?: { title: string } }[]>("textDocument/codeLens", { textDocument: { uri: app.uri } }))[0]?.command?.title;
  t.is(await lensTitle(), "46 parameters");
  client.change(lib, [{ range: { start: { line: 2, character: 20 }, end: { line: 2, character: 21 } }, text: "6" }]);
  await client.diagnosticsOf(lib);
  t.is(await lensTitle(), "68 parameters", "8·6+6 + 6·2+2");
  // The imported model now ends in a reshape: fine in the library, an error at the importer's dense(2).
  client.change(lib, [{ range: { start: { line: 2, character: 11 }, end: { line: 2, character: 22 } }, text: "|> reshape([2, 2, 2])" }]);
  t.deepEqual((await client.diagnosticsOf(lib)).map((d) => d.message), []);
  const deadline = Date.now() + 10000;
  let diags = await client.diagnosticsOf(app);
  while (!diags.length && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    diags = await client.diagnosticsOf(app);
  }
  t.regex(String(diags[0]?.message), /dense\(2\) expects \[B, N\] but got \[B, 2, 2, 2\]/);
  await client.close();
});

test("an error inside an instantiated model is one diagnostic at the use, the way there as related information", async (t) => {
  const client = await startInProcess();
  const doc = client.open(
    "blocks.dl",
    `model Down(filters: int, stride: int = 1) {
  input x: f32[B, H, W, C]
  return if stride == 1 {
    x |> conv2d(filters, kernel=3, padding=same)
  } else {
    x |> conv2d(filters, kernel=5, stride=stride)
  }
}

model Encoder() {
  input x: f32[B, 28, 28, 1]
  return x |> repeat(3) { Down(16, stride=2) } |> flatten |> dense(10)
}
`,
  );
  const diags = await client.diagnosticsOf(doc);
  t.is(diags.length, 1, JSON.stringify(diags));
  const d = diags[0]!;
  t.regex(String(d.message), /^in Down\(filters=16, stride=2\), in repeat iteration 3 of 3: conv2d/);
  t.deepEqual(d.range.start, { line: 11, character: 26 });
  const related = (d.relatedInformation ?? []).map((r) => [r.location.range.start.line, r.message]);
  t.deepEqual(related.map(([line]) => line), [5, 2]);
  t.regex(String(related[1]![1]), /in the else branch, as 'stride == 1' is false/);
  await client.close();
});
