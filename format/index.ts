/**
 * The formatter's API for the CLI (`dl fmt`) and the language server: format DL text with the
 * prettier plugin, or check that it is already formatted.
 */
import * as prettier from "prettier";
import { dlPlugin } from "./plugin.js";

export { dlPlugin } from "./plugin.js";
export { DlSyntaxError } from "./parse-strict.js";

/** Prettier options that make sense for DL; the parser and plugin are always DL's. */
export type FormatOptions = Omit<prettier.Options, "parser" | "plugins">;

/** Formats DL source; rejects with a `SyntaxError` (message ends in `(line:column)`) if it does not parse. */
export function formatDl(text: string, options: FormatOptions = {}): Promise<string> {
  return prettier.format(text, { ...options, parser: "dl", plugins: [dlPlugin] });
}

/** Whether `text` is already formatted; rejects like `formatDl` on syntax errors. */
export async function checkFormatted(text: string, options: FormatOptions = {}): Promise<boolean> {
  return (await formatDl(text, options)) === text;
}
