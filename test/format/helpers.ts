/**
 * The formatter's test helper: format a source, and compare programs by meaning (the AST without
 * spans and comments, doc text included) and by their comments (every one must survive).
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "../../grammar/parse.js";
import { formatDl, type FormatOptions } from "../../format/index.js";

/** The AST of `text` with locations and comment lists removed, for equality checks. */
export function meaning(text: string): unknown {
  const result = parse(text);
  if (result.problems.length) throw new Error(`syntax error: ${result.problems[0]!.message}`);
  return strip(result.ast);
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === "span" || key === "argsSpan" || key === "freshSpan" || key === "comments" || v === undefined) continue;
    // Doc text is meaning (it shows on hover), up to blanks at line ends, which the formatter trims.
    out[key] = key === "doc" && typeof v === "string" ? v.replace(/[ \t]+$/gm, "") : strip(v);
  }
  return out;
}

/** The comments of `text`, as written (line comments without trailing blanks), sorted. */
export function commentTexts(text: string): string[] {
  return parse(text)
    .comments.map((c) => (c.block ? c.text : c.text.trimEnd()))
    .sort();
}

/** What a formatter check found: the output, whether a second pass changed it, and what differs. */
export interface FormatCheck {
  output: string;
  idempotent: boolean;
  sameMeaning: boolean;
  sameComments: boolean;
}

/** Formats `text` and checks the output against the input: same AST, same comments, stable. */
export async function checkFormat(text: string, options: FormatOptions = {}): Promise<FormatCheck> {
  const output = await formatDl(text, options);
  const again = await formatDl(output, options);
  return {
    output,
    idempotent: again === output,
    sameMeaning: JSON.stringify(meaning(text)) === JSON.stringify(meaning(output)),
    sameComments: JSON.stringify(commentTexts(text)) === JSON.stringify(commentTexts(output)),
  };
}

/** Every `.dl` file under `dir` (recursively); none if the directory does not exist yet. */
export function dlFilesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return dlFilesUnder(path);
    return name.endsWith(".dl") ? [path] : [];
  });
}
