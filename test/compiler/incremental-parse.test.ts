/**
 * Incremental parsing: a document re-parsed through its `SegmentCache` after random edits gives
 * exactly what a fresh parse of the same text gives (AST with spans, tokens, comments, problems,
 * the tokens of the segment around any offset), positions in both are those of the text, splitting
 * again around an edit gives the split of the whole text, and the segment splitter respects
 * comments, strings and doc comments.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import test from "ava";
import fc from "fast-check";
import { parse, SegmentCache, type ParseResult } from "../../grammar/parse.js";
import { split, splitAgain, splitSegments } from "../../grammar/segments.js";
import { repoRoot } from "./golden.js";

/** Everything a parse says about its text, as plain data. */
function snapshot(r: ParseResult): unknown {
  return {
    ast: JSON.parse(JSON.stringify(r.ast)),
    tokens: r.tokens.map((t) => [t.tokenType.name, t.image, t.startOffset, t.endOffset, t.startLine, t.startColumn, t.endLine]),
    problems: r.problems,
    comments: r.comments,
  };
}

/**
 * What every parse must satisfy whatever the offsets of its segments: tokens, comments and names
 * are exactly the text at their positions, lines and columns count from the document's start.
 */
function positionsHold(r: ParseResult, text: string): string | undefined {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
    return line;
  };
  for (const t of r.tokens) {
    if (text.slice(t.startOffset, t.endOffset! + 1) !== t.image) return `token '${t.image}' at ${t.startOffset}`;
    const line = lineOf(t.startOffset);
    if (t.startLine !== line + 1 || t.startColumn !== t.startOffset - lineStarts[line]! + 1) return `token '${t.image}' at line ${t.startLine}`;
  }
  for (const c of r.comments) if (text.slice(c.span.start, c.span.end) !== c.text) return `comment '${c.text}' at ${c.span.start}`;
  let wrong: string | undefined;
  const visit = (v: unknown): void => {
    if (wrong || typeof v !== "object" || v === null) return;
    if (Array.isArray(v)) return v.forEach(visit);
    const n = v as { kind?: string; name?: string; span?: { start: number; end: number } };
    if (n.span && (n.span.start < 0 || n.span.end > text.length || n.span.start > n.span.end)) wrong = `${n.kind} span ${JSON.stringify(n.span)}`;
    else if (n.kind === "Ident" && n.name && text.slice(n.span!.start, n.span!.end) !== n.name) wrong = `name '${n.name}' at ${n.span!.start}`;
    else for (const k in n) if (k !== "span") visit((n as Record<string, unknown>)[k]);
  };
  visit(r.ast.items);
  for (const p of r.problems) if (p.span.start < 0 || p.span.end > text.length) wrong ??= `problem '${p.message}' at ${p.span.start}`;
  return wrong;
}

const segmentsOf = (text: string) => splitSegments(text).map((s) => text.slice(s.start, s.end));

test("segments start at column-0 headers with their doc comments", (t) => {
  const text = ["import { A } from \"./a\"", "/// Net.", "", "/// More.", "model Net() {", "  input x: f32[B, 4]", "  return x", "}", "train t {", "model net = Net()", "}", ""].join("\n");
  t.deepEqual(segmentsOf(text), [
    "import { A } from \"./a\"\n",
    "/// Net.\n\n/// More.\nmodel Net() {\n  input x: f32[B, 4]\n  return x\n}\n",
    "train t {\nmodel net = Net()\n}\n",
  ]);
  t.is(segmentsOf(text).join(""), text, "segments cover the text exactly");
});

test("headers inside block comments, after strings or indented do not start segments", (t) => {
  const text = ['model A() { let s = "/*" }', "/* a comment", "model B() {", "*/", "  model C() {}", "model D {", "}", ""].join("\n");
  t.deepEqual(segmentsOf(text), ['model A() { let s = "/*" }\n/* a comment\nmodel B() {\n*/\n  model C() {}\n', "model D {\n}\n"]);
  const lone = ['model A() { let s = " /* not a string, a comment', "model B() {}", "*/ }", "model C() {}"].join("\n");
  t.deepEqual(segmentsOf(lone).length, 2, "a lone quote does not hide the block comment after it");
  // Where comments open and close exactly as the lexer reads them.
  t.deepEqual(segmentsOf("/* x /*/\nmodel A() {}\n"), ["/* x /*/\n", "model A() {}\n"], "'/*/' inside a comment closes it");
  t.deepEqual(segmentsOf("a */* c\nmodel B() {}\n*/\nmodel C() {}\n"), ["a */* c\nmodel B() {}\n*/\n", "model C() {}\n"], "'*/*' outside opens one");
});

test("an unclosed declaration ends at the next one, which still parses", (t) => {
  const r = parse("model A() {\n  input x: f32[B, 4]\n  return x\n\nmodel B() {\n  input y: f32[B, 4]\n  return y\n}\n");
  t.deepEqual(
    r.ast.items.map((i) => i.kind === "ModelDecl" && i.name.name),
    ["A", "B"],
  );
  t.is(r.problems.length, 1);
  t.is(r.problems[0]!.message, "expected '}' but found the next 'model' declaration");
});

/** Real programs to edit: the standard library and the examples. */
const corpus = ["stdlib/vision/resnet.dl", "stdlib/generative/gan.dl", "examples/lenet-mnist.dl", "examples/vae-mnist.dl"]
  .map((p) => join(repoRoot, p))
  .map((p) => readFileSync(p, "utf8"));

/** Many small declarations, so that an edit leaves most segments before or after it. */
function manyModels(count: number): string {
  let out = "/// The module.\n\nimport { A } from \"./a\"\n";
  for (let i = 0; i < count; i++) {
    out += `/// Block ${i}.\nmodel M${i}(width: int = ${i + 1}) {\n  input x: f32[B, 8]\n  // a comment\n  let h = x |> dense(width) |> relu\n  return h\n}\n\n`;
    if (i % 7 === 3) out += `/* a block comment\nmodel Hidden${i}() {\n*/\ntrain t${i} {\n  model net = M${i}()\n}\n`;
  }
  return out;
}
corpus.push(manyModels(40));

const fragment = fc.oneof(
  fc.constantFrom("model M() {", "\nmodel N(a: int) {\n", "\ntrain t {\n", "\nimport { X } from \"./x\"\n", "}", "{", "(", "\n", "///", "\n/// doc\n", "//", "/*", "*/", '"', "|>", "dense(4)", "let"),
  fc.string({ maxLength: 6 }),
);
const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 40 }), insert: fc.array(fragment, { maxLength: 3 }).map((xs) => xs.join("")) });

test("incremental parses equal fresh parses after random edits", (t) => {
  let checked = 0;
  fc.assert(
    fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 }), (which, edits) => {
      let text = corpus[which]!;
      const cache = new SegmentCache();
      cache.parse(text);
      for (const e of edits) {
        const start = e.at % (text.length + 1);
        text = text.slice(0, start) + e.insert + text.slice(Math.min(text.length, start + e.remove));
        const incremental = cache.parse(text);
        const fresh = parse(text);
        // Thrown, not asserted, so fast-check shrinks the case and prints it.
        const wrong = positionsHold(fresh, text);
        if (wrong) throw new Error(`${wrong} in:\n${text}`);
        // The tokens of the segment around an offset, read before the whole document's are joined.
        const probe = (e.at * 31 + 7) % (text.length + 1);
        const around = splitSegments(text).filter((s, i) => i === 0 || s.start < probe).at(-1)!;
        const expected = fresh.tokens.filter((t) => t.startOffset >= around.start && t.startOffset < around.end).map((t) => [t.image, t.startOffset, t.startLine]);
        const got = incremental.segmentTokens(probe).map((t) => [t.image, t.startOffset, t.startLine]);
        if (!isDeepStrictEqual(got, expected)) throw new Error(`tokens of the segment around ${probe} differ for:\n${text}`);
        if (!isDeepStrictEqual(snapshot(incremental), snapshot(fresh))) throw new Error(`incremental parse differs from a fresh one for:\n${text}`);
        checked++;
      }
    }),
    { numRuns: Number(process.env.DL_PARSE_FUZZ_RUNS ?? 150), seed: Number(process.env.DL_PARSE_FUZZ_SEED ?? 7) },
  );
  t.true(checked > 150);
});

test("splitting again around an edit gives the split of the whole text", (t) => {
  let checked = 0;
  fc.assert(
    fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 }), (which, edits) => {
      let text = corpus[which]!;
      let previous = split(text);
      for (const e of edits) {
        const start = e.at % (text.length + 1);
        text = text.slice(0, start) + e.insert + text.slice(Math.min(text.length, start + e.remove));
        const again = splitAgain(text, previous);
        const fresh = split(text);
        if (!isDeepStrictEqual(again.slices, fresh.slices) || !isDeepStrictEqual(again.starts, fresh.starts)) throw new Error(`split again differs from a fresh split for:\n${text}`);
        previous = again;
        checked++;
      }
    }),
    { numRuns: Number(process.env.DL_PARSE_FUZZ_RUNS ?? 300), seed: Number(process.env.DL_PARSE_FUZZ_SEED ?? 11) },
  );
  t.true(checked > 300);
});
