/**
 * Chevrotain, loaded from its single-file bundle. The package's `exports` entry is a tree of
 * several hundred small modules that takes about 2 s to load on every `dl` start; the bundle in
 * the same package holds the same API and loads in about 0.2 s.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

type Chevrotain = typeof import("chevrotain");

// `require.resolve` follows the package's exports to lib/src/api.js; the bundle is lib/chevrotain.mjs.
const entry = createRequire(import.meta.url).resolve("chevrotain");
const chevrotain = (await import(pathToFileURL(join(dirname(dirname(entry)), "chevrotain.mjs")).href)) as Chevrotain;

export const { createToken, Lexer, CstParser, EOF, tokenMatcher } = chevrotain;
export type { TokenType, IToken, CstNode, CstElement, ILexingError, IRecognitionException, IOrAlt } from "chevrotain";
