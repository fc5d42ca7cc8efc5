/**
 * Collects diagnostics for one document and builds their locations from spans, so checks never
 * handle file names or offsets themselves.
 */
import type { Span } from "../../grammar/ast.js";
import type { Diagnostic, RelatedInfo } from "../diagnostics/diagnostic.js";

export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  /** While instantiating a model for a call site, diagnostics inside it are re-anchored there. */
  private readonly anchors: { file: string; span: Span; what: string }[] = [];

  constructor(public file: string) {}

  at(span: Span, related?: RelatedInfo[]): { file: string; span: Span; related?: RelatedInfo[] } {
    return { file: this.file, span, related };
  }

  /** Every diagnostic reported, including those said once already: whether a check ran clean. */
  reported = 0;

  report(d: Diagnostic): void {
    this.reported++;
    const anchor = this.anchors[0];
    // Already reported where it stands (the model's own check ran first): say it once.
    if (anchor && this.seen.has(keyOf(d))) return;
    if (anchor && (d.file !== anchor.file || d.span.start < anchor.span.start || d.span.end > anchor.span.end)) {
      // An error inside a model that only shows for these arguments: report it at the use,
      // with the place inside the model as related information.
      d = {
        ...d,
        message: `${anchor.what}: ${d.message}`,
        file: anchor.file,
        span: anchor.span,
        related: [{ file: d.file, span: d.span, message: d.message }, ...(d.related ?? [])],
      };
    }
    const key = keyOf(d);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.diagnostics.push(d);
  }

  /** Runs `fn` with diagnostics anchored at a call site (outermost anchor wins). */
  anchored<T>(file: string, span: Span, what: string, fn: () => T): T {
    this.anchors.push({ file, span, what });
    try {
      return fn();
    } finally {
      this.anchors.pop();
    }
  }

  /** Runs `fn` in another document (a model declared in an import). */
  inFile<T>(file: string, fn: () => T): T {
    const previous = this.file;
    this.file = file;
    try {
      return fn();
    } finally {
      this.file = previous;
    }
  }
}

function keyOf(d: Diagnostic): string {
  return `${d.file}:${d.span.start}:${d.span.end}:${d.code}:${d.message}`;
}
