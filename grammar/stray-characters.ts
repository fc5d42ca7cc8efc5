/**
 * Characters the lexer refuses, described the way rustc does: by code point and Unicode name, and
 * for look-alikes of DL's own characters (a no-break space, `×`, smart quotes) with the character
 * to type instead. A look-alike is also replaced by that character before lexing again, so one
 * mistake gives one error rather than a cascade of parse errors after it.
 */

interface Confusable {
  name: string;
  /** The ASCII character that stands in for it (same length, so offsets hold). */
  ascii: string;
  /** What to type instead, as the message says it. */
  advice: string;
}

const space = (name: string): Confusable => ({ name, ascii: " ", advice: "use a plain space" });
const invisible = (name: string): Confusable => ({ name, ascii: " ", advice: "delete it (it is invisible)" });
const quote = (name: string): Confusable => ({ name, ascii: '"', advice: `use '"' (strings take straight double quotes)` });
const like = (name: string, ascii: string): Confusable => ({ name, ascii, advice: `use '${ascii}'` });

/** Look-alikes by code point. */
const confusables = new Map<number, Confusable>([
  [0x00a0, space("NO-BREAK SPACE")],
  [0x1680, space("OGHAM SPACE MARK")],
  [0x2000, space("EN QUAD")],
  [0x2001, space("EM QUAD")],
  [0x2002, space("EN SPACE")],
  [0x2003, space("EM SPACE")],
  [0x2004, space("THREE-PER-EM SPACE")],
  [0x2005, space("FOUR-PER-EM SPACE")],
  [0x2006, space("SIX-PER-EM SPACE")],
  [0x2007, space("FIGURE SPACE")],
  [0x2008, space("PUNCTUATION SPACE")],
  [0x2009, space("THIN SPACE")],
  [0x200a, space("HAIR SPACE")],
  [0x202f, space("NARROW NO-BREAK SPACE")],
  [0x205f, space("MEDIUM MATHEMATICAL SPACE")],
  [0x3000, space("IDEOGRAPHIC SPACE")],
  [0x200b, invisible("ZERO WIDTH SPACE")],
  [0x200c, invisible("ZERO WIDTH NON-JOINER")],
  [0x200d, invisible("ZERO WIDTH JOINER")],
  [0x2060, invisible("WORD JOINER")],
  [0xfeff, invisible("ZERO WIDTH NO-BREAK SPACE")],
  [0x000b, space("LINE TABULATION")],
  [0x000c, space("FORM FEED")],
  [0x2028, space("LINE SEPARATOR")],
  [0x2029, space("PARAGRAPH SEPARATOR")],
  [0x00d7, like("MULTIPLICATION SIGN", "*")],
  [0x2217, like("ASTERISK OPERATOR", "*")],
  [0x22c5, like("DOT OPERATOR", "*")],
  [0x00b7, like("MIDDLE DOT", "*")],
  [0x00f7, like("DIVISION SIGN", "/")],
  [0x2215, like("DIVISION SLASH", "/")],
  [0x2212, like("MINUS SIGN", "-")],
  [0x2010, like("HYPHEN", "-")],
  [0x2011, like("NON-BREAKING HYPHEN", "-")],
  [0x2012, like("FIGURE DASH", "-")],
  [0x2013, like("EN DASH", "-")],
  [0x2014, like("EM DASH", "-")],
  [0x2018, quote("LEFT SINGLE QUOTATION MARK")],
  [0x2019, quote("RIGHT SINGLE QUOTATION MARK")],
  [0x201a, quote("SINGLE LOW-9 QUOTATION MARK")],
  [0x201b, quote("SINGLE HIGH-REVERSED-9 QUOTATION MARK")],
  [0x201c, quote("LEFT DOUBLE QUOTATION MARK")],
  [0x201d, quote("RIGHT DOUBLE QUOTATION MARK")],
  [0x201e, quote("DOUBLE LOW-9 QUOTATION MARK")],
  [0x201f, quote("DOUBLE HIGH-REVERSED-9 QUOTATION MARK")],
  [0x00ab, quote("LEFT-POINTING DOUBLE ANGLE QUOTATION MARK")],
  [0x00bb, quote("RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK")],
  [0x2032, quote("PRIME")],
  [0x2033, quote("DOUBLE PRIME")],
  [0x0027, quote("APOSTROPHE")],
  [0x0060, quote("GRAVE ACCENT")],
  [0x00b4, quote("ACUTE ACCENT")],
  [0xff08, like("FULLWIDTH LEFT PARENTHESIS", "(")],
  [0xff09, like("FULLWIDTH RIGHT PARENTHESIS", ")")],
  [0xff3b, like("FULLWIDTH LEFT SQUARE BRACKET", "[")],
  [0xff3d, like("FULLWIDTH RIGHT SQUARE BRACKET", "]")],
  [0xff5b, like("FULLWIDTH LEFT CURLY BRACKET", "{")],
  [0xff5d, like("FULLWIDTH RIGHT CURLY BRACKET", "}")],
  [0xff0c, like("FULLWIDTH COMMA", ",")],
  [0x3001, like("IDEOGRAPHIC COMMA", ",")],
  [0xff1a, like("FULLWIDTH COLON", ":")],
  [0xff1d, like("FULLWIDTH EQUALS SIGN", "=")],
  [0xff0b, like("FULLWIDTH PLUS SIGN", "+")],
  [0xff0d, like("FULLWIDTH HYPHEN-MINUS", "-")],
  [0xff0e, like("FULLWIDTH FULL STOP", ".")],
  [0x2024, like("ONE DOT LEADER", ".")],
  [0x037e, like("GREEK QUESTION MARK", ";")],
  [0xff1c, like("FULLWIDTH LESS-THAN SIGN", "<")],
  [0xff1e, like("FULLWIDTH GREATER-THAN SIGN", ">")],
  [0x2223, like("DIVIDES", "|")],
  [0xff5c, like("FULLWIDTH VERTICAL LINE", "|")],
]);

/** Characters with no stand-in: named, and what to write when DL spells it otherwise. */
const others = new Map<number, { name: string; advice?: string }>([
  [0x2192, { name: "RIGHTWARDS ARROW", advice: "pipe a value into a layer with '|>'" }],
  [0x21a6, { name: "RIGHTWARDS ARROW FROM BAR", advice: "pipe a value into a layer with '|>'" }],
  [0x25b7, { name: "WHITE RIGHT-POINTING TRIANGLE", advice: "pipe a value into a layer with '|>'" }],
  [0x2264, { name: "LESS-THAN OR EQUAL TO", advice: "use '<='" }],
  [0x2265, { name: "GREATER-THAN OR EQUAL TO", advice: "use '>='" }],
  [0x2260, { name: "NOT EQUAL TO", advice: "use '!='" }],
  [0x2227, { name: "LOGICAL AND", advice: "use '&&'" }],
  [0x2228, { name: "LOGICAL OR", advice: "use '||'" }],
  [0x00ac, { name: "NOT SIGN", advice: "use '!'" }],
  [0x2026, { name: "HORIZONTAL ELLIPSIS", advice: "a range is written 'a..b'" }],
  [0x0040, { name: "COMMERCIAL AT" }],
  [0x0023, { name: "NUMBER SIGN", advice: "comments start with '//'" }],
  [0x0024, { name: "DOLLAR SIGN" }],
  [0x003b, { name: "SEMICOLON", advice: "statements end at the end of the line: delete it" }],
  [0x003f, { name: "QUESTION MARK", advice: "a choice is written 'if c { a } else { b }'" }],
  [0x005c, { name: "REVERSE SOLIDUS" }],
  [0x005e, { name: "CIRCUMFLEX ACCENT" }],
  [0x007e, { name: "TILDE" }],
  [0x0026, { name: "AMPERSAND", advice: "use '&&'" }],
  [0x0009, { name: "CHARACTER TABULATION" }],
]);

/** `U+00D7`: a code point as Unicode writes it. */
export function codePointText(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The message for one refused character (the code point at `text[offset]`). */
export function strayCharacterMessage(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const known = confusables.get(cp) ?? others.get(cp);
  const shown = cp < 0x20 || known?.name.includes("SPACE") || known?.name.includes("JOINER") || known?.name.includes("SEPARATOR") ? "" : ` '${ch}'`;
  if (known) return `unexpected character ${codePointText(cp)} ${known.name}${shown}` + (known.advice ? `: ${known.advice}` : "");
  return `unexpected character${shown || ` ${JSON.stringify(ch)}`} (${codePointText(cp)})`;
}

/** One refused character: where it is, how long (1 or a surrogate pair), its message. */
export interface StrayCharacter {
  start: number;
  end: number;
  message: string;
}

/**
 * The characters of a lexer error's range, each described, and `text` with every look-alike among
 * them replaced by its ASCII stand-in (undefined when none is).
 */
export function describeStray(text: string, ranges: { offset: number; length: number }[]): { strays: StrayCharacter[]; replaced?: string } {
  const strays: StrayCharacter[] = [];
  let chars: string[] | undefined;
  // A Python `#` comment: one error at the '#', and the rest of its line read as the comment it is.
  let commentEnd = -1;
  for (const r of ranges) {
    for (let i = r.offset; i < r.offset + Math.max(1, r.length) && i < text.length; ) {
      const cp = text.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      if (i < commentEnd) {
        i += ch.length;
        continue;
      }
      strays.push({ start: i, end: i + ch.length, message: strayCharacterMessage(ch) });
      if (cp === 0x23) {
        const eol = text.indexOf("\n", i);
        commentEnd = eol < 0 ? text.length : eol;
        chars ??= [...text.split("")];
        for (let j = i; j < commentEnd; j++) if (chars[j] !== "\r") chars[j] = " ";
      }
      const stand = confusables.get(cp);
      if (stand && ch.length === 1) {
        chars ??= [...text.split("")];
        chars[i] = stand.ascii;
      }
      i += ch.length;
    }
  }
  if (!chars) return { strays };
  // A quote stands in only where the line's straight quotes then pair up (`‘relu’`, not `x’`).
  let replaced = chars.join("");
  for (const r of strays) {
    const original = text[r.start]!;
    if (confusables.get(original.codePointAt(0)!)?.ascii !== '"') continue;
    const lineStart = replaced.lastIndexOf("\n", r.start) + 1;
    const lineEnd = replaced.indexOf("\n", r.start);
    const line = replaced.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
    if ((line.match(/"/g)?.length ?? 0) % 2 === 1) replaced = replaced.slice(0, r.start) + original + replaced.slice(r.start + 1);
  }
  return { strays, replaced: replaced === text ? undefined : replaced };
}
