/**
 * Chevrotain, imported statically from its single-file bundle. The package's `exports` entry is
 * a tree of several hundred small modules that takes about 2 s to load on every source run; the
 * bundle in the same package holds the same API and loads in about 0.2 s. The package's `exports`
 * map hides the bundle from bare specifiers (and Node forbids `node_modules` in an `imports`
 * target), so it is imported by relative path: that works for tsx, for Node and for esbuild, which
 * inlines it into the shipped build (build/). Its types come from chevrotain-bundle.d.ts.
 */
import * as chevrotain from "../node_modules/chevrotain/lib/chevrotain.mjs";

export const { createToken, Lexer, CstParser, EOF, tokenMatcher } = chevrotain;
export type { TokenType, IToken, CstNode, CstElement, ILexingError, IRecognitionException, IOrAlt } from "chevrotain";
