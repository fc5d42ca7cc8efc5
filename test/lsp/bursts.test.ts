import test from "ava";
import type { CompletionList, Hover } from "vscode-languageserver/node";
import { startInProcess } from "./helpers.js";

/** `count` small models, each with a comment line above it (line 5·i) and a body line to edit (5·i + 3). */
function models(count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) {
    out += `// block ${i}\nmodel M${i}(width: int = 16) {\n  input x: f32[B, 8, 8, 1]\n  return x |> conv2d(width, kernel=3) |> relu |> flatten |> dense(10)\n}\n`;
  }
  return out;
}

test.serial("a burst of edits is checked for its newest version only; a request mid-burst is answered at once", async (t) => {
  const client = await startInProcess();
  const doc = client.open("burst.dl", models(150));
  t.deepEqual(await client.diagnosticsOf(doc), []);
  const before = client.publications.length;

  // 300 edits back to back: typing into the comments of many blocks, a completion request half-way.
  let completion: Promise<CompletionList | null> | undefined;
  for (let k = 0; k < 300; k++) {
    const line = 5 * ((k * 37) % 150);
    const end = client.docs.get(doc.uri)!.text.split("\n")[line]!.length;
    client.change(doc, [{ range: { start: { line, character: end }, end: { line, character: end } }, text: "x" }]);
    if (k === 150) completion = client.request("textDocument/completion", { textDocument: { uri: doc.uri }, position: { line: 3, character: 14 } });
  }
  // The last edit makes an error: `relu` becomes `relux` in block 7.
  const relu = client.docs.get(doc.uri)!.text.split("\n")[38]!.indexOf("relu") + 4;
  client.change(doc, [{ range: { start: { line: 38, character: relu }, end: { line: 38, character: relu } }, text: "x" }]);
  const final = await client.diagnosticsOf(doc);
  t.deepEqual(
    final.map((d) => [d.code, d.range.start.line]),
    [["DL2001", 38]],
  );
  const items = (await completion!)?.items ?? [];
  t.true(items.some((i) => i.label === "relu"), "the completion sent mid-burst lists layers");
  // Before coalescing, every second or third version was checked and published (over 100 here).
  const versions = client.publications.slice(before).filter((p) => p.uri === doc.uri).map((p) => p.version);
  t.true(versions.length <= 5, `published ${versions.length} times during the burst: ${versions.join(", ")}`);
  t.is(versions.at(-1), doc.version);

  // A hover right after an edit sees that edit: the check of the newest version, not an older one.
  const width = client.docs.get(doc.uri)!.text.split("\n")[36]!.indexOf("16");
  client.change(doc, [{ range: { start: { line: 36, character: width }, end: { line: 36, character: width + 2 } }, text: "12" }]);
  const hover = await client.request<Hover>("textDocument/hover", { textDocument: { uri: doc.uri }, position: { line: 36, character: 7 } });
  t.regex(JSON.stringify(hover.contents), /width: int = 12/);
  await client.close();
});

test.serial("a long check reports $/progress and is abandoned when the document changes", async (t) => {
  const client = await startInProcess({
    capabilities: { window: { workDoneProgress: true } },
    initializationOptions: { progressAfterMs: 0 },
  });
  type Event = { token: string; kind: string; message?: string; percentage?: number };
  let events: Event[] = [];
  let onEvent = () => {};
  client.rpc.onRequest("window/workDoneProgress/create", () => null);
  client.rpc.onNotification("$/progress", (p: { token: string; value: Omit<Event, "token"> }) => {
    events.push({ token: p.token, ...p.value });
    onEvent();
  });
  // The edit must reach the server while the first (cold) check runs. Where the check ended first
  // (a fast machine checks 600 small models before the progress round trip is over, a loaded one
  // may answer late), a fresh document twice as long (nothing to reuse) is tried again.
  for (let attempt = 1; ; attempt++) {
    events = [];
    const doc = client.open(`long${attempt}.dl`, models(600 * 2 ** (attempt - 1)));
    await new Promise<void>((resolve) => (onEvent = resolve));
    onEvent = () => {};
    const relu = doc.text.split("\n")[3]!.indexOf("relu") + 4;
    client.change(doc, [{ range: { start: { line: 3, character: relu }, end: { line: 3, character: relu } }, text: "x" }]);
    const diags = await client.diagnosticsOf(doc, 60000);
    t.deepEqual(diags.map((d) => d.code), ["DL2001"]);
    // Let the last progress notifications arrive.
    await new Promise((r) => setTimeout(r, 50));
    const ends = events.filter((e) => e.kind === "end").map((e) => e.message);
    if (ends[0] === "checked" && attempt < 4) {
      client.notify("textDocument/didClose", { textDocument: { uri: doc.uri } });
      continue;
    }
    t.is(ends[0], "superseded by a newer version");
    t.is(ends.at(-1), "checked");
    const tokens = [...new Set(events.map((e) => e.token))];
    t.true(tokens.length >= 2);
    for (const token of tokens) {
      const kinds = events.filter((e) => e.token === token).map((e) => e.kind);
      t.is(kinds[0], "begin", `progress ${token} begins`);
      t.is(kinds.at(-1), "end", `progress ${token} ends`);
    }
    const percentages = events.filter((e) => e.kind !== "end").map((e) => e.percentage!);
    t.true(percentages.every((p) => p >= 0 && p <= 100));
    break;
  }
  await client.close();
});
