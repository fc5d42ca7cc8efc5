/**
 * Collects diagnostics for one document and builds their locations from spans, so checks never
 * handle file names or offsets themselves. It also keeps the context of the check in progress
 * (which instantiation of which model, which `repeat` iteration, which `if` branch), so that an
 * error found inside a model checked for one use is reported once, at that use, with the way
 * there as related information.
 */
import type { Span } from "../../grammar/ast.js";
import type { Diagnostic, RelatedInfo } from "../diagnostics/diagnostic.js";

/** One level of the check's context: where it is and how a diagnostic describes it. */
interface Context {
  file: string;
  span: Span;
  /** `in Block(filters=128, stride=2)`, `in repeat iteration 2 of 3`, `in the else branch: ...`. */
  text: string;
  /** A model instantiated for a call site: diagnostics inside it are re-anchored at the call. */
  anchor: boolean;
  /** Said in the message itself where the diagnostic stands (a repeat iteration); else only as related information. */
  inMessage: boolean;
}

export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  /** Diagnostics said already, both where they arose and where they were reported. */
  private readonly seen = new Set<string>();
  private readonly contexts: Context[] = [];

  constructor(public file: string) {}

  at(span: Span, related?: RelatedInfo[]): { file: string; span: Span; related?: RelatedInfo[] } {
    return { file: this.file, span, related };
  }

  /** Every diagnostic reported, including those said once already: whether a check ran clean. */
  reported = 0;

  report(d: Diagnostic): void {
    this.reported++;
    // The same mistake reached again (a model checked on its own, then for a use; one used by a
    // model that is itself used): said once, where it was first found.
    const raw = keyOf(d);
    if (this.seen.has(raw)) return;
    this.seen.add(raw);
    const placed = this.placed(d);
    if (placed !== d) {
      // Reached through a call already reported for this place (a model in a repeat, or used by
      // a model that is itself used): the same mistake, whatever the sizes are this time.
      const origin = `${d.file}:${d.span.start}:${d.span.end}:${d.code}`;
      const sites = this.contexts.filter((c) => c.anchor).map((c) => `${origin}@${c.file}:${c.span.start}:${c.span.end}`);
      const key = keyOf(placed);
      if (this.seen.has(key) || sites.some((s) => this.seen.has(s))) return;
      for (const k of [key, ...sites]) this.seen.add(k);
    }
    this.diagnostics.push(placed);
  }

  /**
   * Where and how `d` is reported in the current context. Inside a model instantiated for a call
   * site (the outermost one, in the document checked), an error that only shows for these
   * arguments goes to the call, naming the instantiation, with the place inside the model and
   * each step on the way there (innermost first) as related information.
   */
  private placed(d: Diagnostic): Diagnostic {
    const a = this.contexts.findIndex((c) => c.anchor);
    const anchor = this.contexts[a];
    if (anchor && (d.file !== anchor.file || d.span.start < anchor.span.start || d.span.end > anchor.span.end)) {
      const outer = this.contexts.slice(0, a).filter((c) => c.inMessage);
      const inner = this.contexts.slice(a + 1).reverse();
      return {
        ...d,
        message: `${[anchor, ...outer].map((c) => c.text).join(", ")}: ${d.message}`,
        file: anchor.file,
        span: anchor.span,
        related: [
          { file: d.file, span: d.span, message: d.message },
          ...inner.map((c) => ({ file: c.file, span: c.span, message: c.anchor ? `${c.text}, used here` : c.text })),
          ...(d.related ?? []),
        ],
      };
    }
    const around = this.contexts.filter((c) => c.inMessage && c.file === d.file);
    return around.length ? { ...d, message: `${around.map((c) => c.text).join(", ")}: ${d.message}` } : d;
  }

  /**
   * Runs `fn` with diagnostics anchored at a call site (outermost anchor wins); `what` names the
   * instantiation (`in Block(filters=128, stride=2)`).
   */
  anchored<T>(file: string, span: Span, what: string, fn: () => T): T {
    return this.within({ file, span, text: what, anchor: true, inMessage: false }, fn);
  }

  /** Runs `fn` in a `repeat` iteration, said in the messages of diagnostics inside it. */
  inIteration<T>(file: string, span: Span, text: string, fn: () => T): T {
    return this.within({ file, span, text, anchor: false, inMessage: true }, fn);
  }

  /** Runs `fn` in an `if` branch, said when a diagnostic inside it is reported at a use of the model. */
  inBranch<T>(file: string, span: Span, text: string, fn: () => T): T {
    return this.within({ file, span, text, anchor: false, inMessage: false }, fn);
  }

  private within<T>(c: Context, fn: () => T): T {
    this.contexts.push(c);
    try {
      return fn();
    } finally {
      this.contexts.pop();
    }
  }

  /**
   * Runs `fn` with its diagnostics held back: they are returned, not reported, and a later report
   * of the same mistake is said again. `reported` still counts them, so a check that held some
   * back is never taken for a clean one.
   */
  held<T>(fn: () => T): { value: T; diagnostics: Diagnostic[] } {
    const count = this.diagnostics.length;
    const seen = new Set(this.seen);
    const value = fn();
    const diagnostics = this.diagnostics.splice(count);
    this.seen.clear();
    for (const k of seen) this.seen.add(k);
    return { value, diagnostics };
  }

  /** Reports diagnostics held back by `held` after all. */
  release(diagnostics: Diagnostic[]): void {
    for (const d of diagnostics) {
      const key = keyOf(d);
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.diagnostics.push(d);
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
