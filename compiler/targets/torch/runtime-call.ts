/**
 * A registry entry's lowering to the runtime contract, in Python. Entries (layers, losses, data
 * sources and operations, optimizers, schedules, initializers) lower to a call of the runtime
 * API, which dl_torch mirrors name for name (runtime/CONTRACT.md): `dl.ops.avgPool(x, { size:
 * [2, 2] })` means the same on both engines. An entry without a `lower.torch` of its own has its
 * runtime call (what its TypeScript lowering builds) read here into the same call in Python
 * syntax. Only the notation of runtime calls is accepted: names, member access, calls, `new`,
 * object and array literals, numbers, strings, booleans, arithmetic of sizes (`Math.floor(a /
 * b)`); anything else is a TorchTargetError naming the entry, never a guess.
 */
import { pyString } from "./python-writer.js";

/** A construct this target does not lower, with what it met. */
export class TorchTargetError extends Error {}

type Tok = { t: "num" | "str" | "id" | "punct"; v: string; at: number };

const PUNCT = ["===", "!==", "<=", ">=", "&&", "||", "==", "!=", "(", ")", "[", "]", "{", "}", ",", ":", ".", "!", "-", "+", "*", "/", "%", "<", ">", "?"];

function tokenize(src: string, what: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ t: "num", v: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_$][\w$]*/.exec(src.slice(i));
    if (id) {
      out.push({ t: "id", v: id[0], at: i });
      i += id[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let text = "";
      while (j < src.length && src[j] !== c) {
        if (src[j] === "\\") {
          const esc = src[j + 1]!;
          if (esc === "u") {
            text += String.fromCharCode(parseInt(src.slice(j + 2, j + 6), 16));
            j += 6;
            continue;
          }
          text += ({ n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", "0": "\0" } as Record<string, string>)[esc] ?? esc;
          j += 2;
          continue;
        }
        text += src[j];
        j++;
      }
      if (j >= src.length) throw new TorchTargetError(`${what}: unterminated string in its runtime call`);
      out.push({ t: "str", v: text, at: i });
      i = j + 1;
      continue;
    }
    const p = PUNCT.find((q) => src.startsWith(q, i));
    if (!p) throw new TorchTargetError(`${what}: its runtime call has '${c}', which the torch target does not lower (${src.slice(0, 80)})`);
    out.push({ t: "punct", v: p, at: i });
    i += p.length;
  }
  return out;
}

/** What a conversion found: the runtime names used (`dl.ops.avgPool`, `method applyWithState`). */
export interface RuntimeNames {
  add(name: string): void;
}

const PREC: Record<string, number> = { "||": 1, "&&": 2, "===": 3, "!==": 3, "==": 3, "!=": 3, "<": 4, ">": 4, "<=": 4, ">=": 4, "+": 5, "-": 5, "*": 6, "/": 6, "%": 6 };
const PYOP: Record<string, string> = { "||": "or", "&&": "and", "===": "==", "!==": "!=", "==": "==", "!=": "!=" };

/**
 * Converts a runtime call `src` (the notation above) to Python. `what` names the entry for
 * errors; `names` collects the runtime names used.
 */
export function runtimeCall(src: string, what: string, names: RuntimeNames): string {
  const toks = tokenize(src, what);
  let k = 0;
  const peek = (v?: string) => (v === undefined ? toks[k] : toks[k]?.t === "punct" && toks[k]!.v === v ? toks[k] : undefined);
  const fail = (msg: string): never => {
    throw new TorchTargetError(`${what}: ${msg} in its runtime call (${src.slice(0, 100)}), which the torch target does not lower`);
  };
  const expect = (v: string) => {
    if (!peek(v)) fail(`expected '${v}'`);
    k++;
  };
  const list = (close: string, item: () => string): string[] => {
    const items: string[] = [];
    while (!peek(close)) {
      items.push(item());
      if (!peek(",")) break;
      k++;
    }
    expect(close);
    return items;
  };

  /** A member chain's dotted text when it is one (`dl.ops.relu`), for the runtime names. */
  const dotted = (s: string) => (/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(s) ? s : undefined);

  const primary = (): string => {
    const t = toks[k];
    if (!t) return fail("an unexpected end");
    k++;
    if (t.t === "num") return t.v;
    if (t.t === "str") return pyString(t.v);
    if (t.t === "id") {
      switch (t.v) {
        case "true":
          return "True";
        case "false":
          return "False";
        case "null":
        case "undefined":
          return "None";
        case "this":
          return "self";
        case "Infinity":
          return 'float("inf")';
        case "NaN":
          return 'float("nan")';
        case "new":
          // `new dl.layers.Dense(...)`: a Python class is called.
          return postfix(primary());
        case "function":
        case "class":
        case "typeof":
        case "void":
        case "delete":
        case "await":
        case "yield":
          return fail(`'${t.v}'`);
      }
      return t.v;
    }
    if (t.v === "(") {
      const inner = expression(0);
      expect(")");
      return `(${inner})`;
    }
    if (t.v === "[") return `[${list("]", () => expression(0)).join(", ")}]`;
    if (t.v === "{") {
      const items = list("}", () => {
        const key = toks[k];
        if (!key || (key.t !== "id" && key.t !== "str" && key.t !== "num")) return fail("an object key that is not a name");
        k++;
        if (!peek(":")) {
          if (key.t !== "id") fail("a shorthand key");
          return `${pyString(key.v)}: ${key.v}`;
        }
        k++;
        return `${pyString(key.v)}: ${expression(0)}`;
      });
      return `{${items.join(", ")}}`;
    }
    if (t.v === "-") return `-${unary()}`;
    if (t.v === "+") return unary();
    if (t.v === "!") return `(not ${unary()})`;
    return fail(`'${t.v}'`);
  };

  const postfix = (head: string): string => {
    let e = head;
    for (;;) {
      if (peek(".")) {
        k++;
        const name = toks[k];
        if (!name || name.t !== "id") fail("a member that is not a name");
        k++;
        // A layer method other than `apply` (`self.lstm_0.applyWithState(...)`) is runtime API too.
        if (/^self\.\w+$/.test(e) && name!.v !== "apply" && peek("(")) names.add(`method ${name!.v}`);
        e = `${e}.${name!.v}`;
        continue;
      }
      if (peek("[")) {
        k++;
        const index = expression(0);
        expect("]");
        e = `${e}[${index}]`;
        continue;
      }
      if (peek("!")) {
        // TypeScript's non-null assertion (`x.shape[0]!`), not a negation: nothing in Python.
        const next = toks[k + 1];
        if (!next || (next.t === "punct" && [")", "]", "}", ",", ".", "[", "+", "-", "*", "/", "%", "<", ">", "===", "!==", ":"].includes(next.v))) {
          k++;
          continue;
        }
      }
      if (peek("(")) {
        k++;
        if (e === "Math.floor" || e === "Math.ceil") {
          // A size computed at run time: `Math.floor(a / b)` is Python's `a // b`.
          const d = parts(0);
          expect(")");
          if (d.op === "/") e = e === "Math.floor" ? `(${d.l} // ${d.r})` : `(-(-${d.l} // ${d.r}))`;
          else e = `__import__("math").${e.slice(5)}(${d.s})`;
          continue;
        }
        const args = list(")", () => expression(0));
        const name = dotted(e);
        if (name?.startsWith("dl.")) names.add(name);
        if (e.startsWith("Math.")) fail(`${e}`);
        e = `${e}(${args.join(", ")})`;
        continue;
      }
      // A runtime value passed by name (`dl.init.zeros`).
      const name = dotted(e);
      if (name?.startsWith("dl.")) names.add(name);
      return e;
    }
  };

  const unary = (): string => postfix(primary());

  /** A binary expression of operators binding at least as tightly as `min`, and its last operator's sides. */
  const parts = (min: number): { s: string; op?: string; l?: string; r?: string } => {
    let left: { s: string; op?: string; l?: string; r?: string } = { s: unary() };
    for (;;) {
      const t = toks[k];
      if (t?.t === "punct" && t.v === "?") fail("a conditional");
      const p = t?.t === "punct" ? PREC[t.v] : undefined;
      if (p === undefined || p < min) return left;
      k++;
      const right = expression(p + 1);
      left = { s: `${left.s} ${PYOP[t!.v] ?? t!.v} ${right}`, op: t!.v, l: left.s, r: right };
    }
  };
  const expression = (min: number): string => parts(min).s;

  const out = expression(0);
  if (k !== toks.length) fail(`'${toks[k]!.v}' after the call`);
  return out;
}
