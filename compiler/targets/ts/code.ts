/** A small builder of indented source text: lines, and blocks that indent what they contain. */
export class Code {
  private readonly out: string[] = [];
  private depth = 0;

  /** Appends lines at the current indentation; a multi-line string is split and each line indented. */
  line(...lines: string[]): this {
    for (const text of lines) for (const l of text.split("\n")) this.out.push(l === "" ? "" : "  ".repeat(this.depth) + l);
    return this;
  }

  /** `open`, then what `body` writes one level deeper, then `close`. */
  block(open: string, body: () => void, close = "}"): this {
    this.line(open);
    this.depth++;
    body();
    this.depth--;
    return this.line(close);
  }

  /** A `/** ... *\/` comment; user text cannot close it early. */
  doc(lines: string[]): this {
    this.line("/**");
    for (const l of lines) this.line(l === "" ? " *" : ` * ${commentSafe(l)}`);
    return this.line(" */");
  }

  toString(): string {
    return this.out.join("\n") + "\n";
  }
}

/** Keeps user text from closing a comment early or breaking its line. */
export function commentSafe(text: string): string {
  return text.replace(/\*\//g, "*\\/").replace(/[\r\n\u2028\u2029]+/g, " ");
}

/**
 * A user name as an object-literal key. `"__proto__": v` would set the object's prototype
 * instead of a property, so that one name is written as a computed key.
 */
export function propertyKey(name: string): string {
  if (name === "__proto__") return `[${JSON.stringify(name)}]`;
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}
