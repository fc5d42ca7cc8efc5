/** A small code builder for Python: lines at an indentation level, blocks opened by a header. */
export class PythonWriter {
  private readonly out: string[] = [];
  private depth = 0;

  /** One line at the current indentation. */
  line(text = ""): void {
    this.out.push(text === "" ? "" : "    ".repeat(this.depth) + text);
  }

  /** `header:` then `body` one level deeper (a `pass` when the body writes nothing). */
  block(header: string, body: () => void): void {
    this.line(`${header}:`);
    this.depth++;
    const before = this.out.length;
    body();
    if (this.out.length === before) this.line("pass");
    this.depth--;
  }

  /** The lines `other` holds, one level of theirs per level here, at the current indentation. */
  append(other: PythonWriter): void {
    for (const l of other.out) this.out.push(l === "" ? "" : "    ".repeat(this.depth) + l);
  }

  /** The text written so far, newline-terminated. */
  toString(): string {
    return this.out.join("\n") + "\n";
  }
}

/** Python's reserved words and the names a generated module must not shadow. */
const RESERVED = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield self print len super float".split(
    " ",
  ),
);

/** A TypeScript identifier as a Python name (reserved words get a trailing underscore). */
export function pyName(name: string): string {
  return RESERVED.has(name) ? `${name}_` : name;
}

/** A string literal Python reads back unchanged. */
export function pyString(s: string): string {
  return JSON.stringify(s).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** User text (a `///` doc) as `#` comment lines; line breaks inside a line cannot end the comment. */
export function pyComment(w: PythonWriter, lines: string[]): void {
  for (const l of lines) {
    const text = l.replace(/[\r\n\u2028\u2029\f\v]+/g, " ").trimEnd();
    w.line(text ? `# ${text}` : "#");
  }
}
