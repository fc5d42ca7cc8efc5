/**
 * The prettier plugin for DL: language `DL` (`.dl` files), parser `dl`, printer `dl-ast`.
 * `prettier --plugin ./format/plugin.mjs file.dl` loads it through the JavaScript entry beside it.
 */
import type { Parser, Plugin, SupportLanguage } from "prettier";
import type { FmtNode } from "./node-kinds.js";
import { locEnd, locStart, parseStrict } from "./parse-strict.js";
import { dlPrinter } from "./printer.js";

/** The languages this plugin formats. */
export const languages: SupportLanguage[] = [
  { name: "DL", parsers: ["dl"], extensions: [".dl"], vscodeLanguageIds: ["dl"] },
];

/** The `dl` parser: the grammar's parser, refusing files with syntax errors. */
export const parsers: Record<string, Parser<FmtNode>> = {
  dl: {
    parse: (text) => parseStrict(text) as FmtNode,
    astFormat: "dl-ast",
    locStart,
    locEnd,
  },
};

/** The printer for the `dl-ast` format. */
export const printers = { "dl-ast": dlPrinter };

/**
 * DL's defaults where prettier's differ: models read best with a stage or a layer call per line
 * only when a line really is long, so the line width is 100 (a `.prettierrc` still overrides it).
 */
export const defaultOptions = { printWidth: 100, tabWidth: 2 };

/** The plugin object, for `prettier.format(text, { plugins: [dlPlugin], parser: "dl" })`. */
export const dlPlugin: Plugin<FmtNode> = { languages, parsers, printers, defaultOptions };

export default dlPlugin;
