/**
 * Document formatting through the prettier plugin (`format/`). The formatter refuses text with
 * syntax errors, and may be missing from a build: both give no edits rather than an error.
 */
import type { FormattingOptions, TextEdit } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";

type FormatDl = (text: string, options?: { tabWidth?: number; useTabs?: boolean }) => Promise<string>;

let loaded: Promise<FormatDl | undefined> | undefined;

/** Loads the formatter once; undefined when it is not available. */
function formatter(log: (m: string) => void): Promise<FormatDl | undefined> {
  loaded ??= import("../../format/index.js").then(
    (m: { formatDl?: FormatDl }) => m.formatDl,
    (err: unknown) => {
      log(`formatting is unavailable: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    },
  );
  return loaded;
}

/** Edits that format the whole document, or none when it cannot be formatted. */
export async function formatDocument(doc: TextDocument, options: FormattingOptions, log: (m: string) => void): Promise<TextEdit[]> {
  const format = await formatter(log);
  if (!format) return [];
  const text = doc.getText();
  let out: string;
  try {
    out = await format(text, { tabWidth: options.tabSize, useTabs: !options.insertSpaces });
  } catch (err) {
    // Syntax errors are already shown as diagnostics; formatting just declines.
    log(`not formatted: ${err instanceof Error ? err.message : String(err)}`);
    return [];
  }
  if (out === text) return [];
  return [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) }, newText: out }];
}
