/**
 * Dimensions: integers or integer expressions over symbols (`B`, `H`, `C * 4`). Constants fold;
 * symbolic expressions are kept in a canonical form so equal expressions compare equal by text.
 */

export type Dim =
  | { k: "const"; v: number }
  | { k: "sym"; name: string }
  | { k: "op"; op: "+" | "-" | "*" | "/" | "ceil/" | "%"; a: Dim; b: Dim };

export const dim = (v: number): Dim => ({ k: "const", v });
export const sym = (name: string): Dim => ({ k: "sym", name });

export function isConst(d: Dim): d is { k: "const"; v: number } {
  return d.k === "const";
}

/** The value of a constant dimension, or undefined for a symbolic one. */
export function constValue(d: Dim): number | undefined {
  return d.k === "const" ? d.v : undefined;
}

/** Sum with constant folding and the identities x + 0 = x. */
export function add(a: Dim, b: Dim): Dim {
  if (isConst(a) && isConst(b)) return dim(a.v + b.v);
  if (isConst(b) && b.v === 0) return a;
  if (isConst(a) && a.v === 0) return b;
  // (x + c1) + c2 → x + (c1 + c2), and (x - c1) + c2 likewise, so conv arithmetic stays short.
  if (isConst(b) && a.k === "op" && (a.op === "+" || a.op === "-") && isConst(a.b)) {
    const c = a.op === "+" ? a.b.v + b.v : b.v - a.b.v;
    return c >= 0 ? add(a.a, dim(c)) : sub(a.a, dim(-c));
  }
  if (isConst(a) && !isConst(b)) return add(b, a);
  return { k: "op", op: "+", a, b };
}

export function sub(a: Dim, b: Dim): Dim {
  if (isConst(a) && isConst(b)) return dim(a.v - b.v);
  if (isConst(b) && b.v === 0) return a;
  if (isConst(b) && b.v < 0) return add(a, dim(-b.v));
  if (equal(a, b)) return dim(0);
  if (isConst(b) && a.k === "op" && (a.op === "+" || a.op === "-") && isConst(a.b)) {
    const c = (a.op === "+" ? a.b.v : -a.b.v) - b.v;
    return c >= 0 ? add(a.a, dim(c)) : sub(a.a, dim(-c));
  }
  return { k: "op", op: "-", a, b };
}

export function mul(a: Dim, b: Dim): Dim {
  if (isConst(a) && isConst(b)) return dim(a.v * b.v);
  if ((isConst(a) && a.v === 0) || (isConst(b) && b.v === 0)) return dim(0);
  if (isConst(a) && a.v === 1) return b;
  if (isConst(b) && b.v === 1) return a;
  if (isConst(a) && !isConst(b)) return mul(b, a);
  return { k: "op", op: "*", a, b };
}

/** Floor division; the caller decides whether a remainder is an error (see `divides`). */
export function floorDiv(a: Dim, b: Dim): Dim {
  if (isConst(a) && isConst(b) && b.v !== 0) return dim(Math.floor(a.v / b.v));
  if (isConst(b) && b.v === 1) return a;
  return { k: "op", op: "/", a, b };
}

export function ceilDiv(a: Dim, b: Dim): Dim {
  if (isConst(a) && isConst(b) && b.v !== 0) return dim(Math.ceil(a.v / b.v));
  if (isConst(b) && b.v === 1) return a;
  return { k: "op", op: "ceil/", a, b };
}

export function mod(a: Dim, b: Dim): Dim {
  if (isConst(a) && isConst(b) && b.v !== 0) return dim(((a.v % b.v) + b.v) % b.v);
  return { k: "op", op: "%", a, b };
}

/** True, false, or undefined when the symbols leave it open. */
export function divides(a: Dim, b: Dim): boolean | undefined {
  if (isConst(a) && isConst(b)) return b.v !== 0 && a.v % b.v === 0;
  if (isConst(b) && b.v === 1) return true;
  return undefined;
}

/** Structural equality of canonical forms: `true` means provably equal. */
export function equal(a: Dim, b: Dim): boolean {
  return format(a) === format(b);
}

/** True when both are constants that differ: the only case a check may call a definite mismatch. */
export function definitelyDifferent(a: Dim, b: Dim): boolean {
  return isConst(a) && isConst(b) && a.v !== b.v;
}

/** Substitutes symbols by dimensions (instantiating a model at a call site). */
export function substitute(d: Dim, env: ReadonlyMap<string, Dim>): Dim {
  switch (d.k) {
    case "const":
      return d;
    case "sym":
      return env.get(d.name) ?? d;
    case "op": {
      const a = substitute(d.a, env);
      const b = substitute(d.b, env);
      return apply(d.op, a, b);
    }
  }
}

export function apply(op: "+" | "-" | "*" | "/" | "ceil/" | "%", a: Dim, b: Dim): Dim {
  switch (op) {
    case "+":
      return add(a, b);
    case "-":
      return sub(a, b);
    case "*":
      return mul(a, b);
    case "/":
      return floorDiv(a, b);
    case "ceil/":
      return ceilDiv(a, b);
    case "%":
      return mod(a, b);
  }
}

const precedence = { "+": 1, "-": 1, "*": 2, "/": 2, "ceil/": 2, "%": 2 } as const;

/** Source-like text: `28`, `B`, `H * W * 16`, `ceil(H / 2)`. */
export function format(d: Dim, parent = 0): string {
  switch (d.k) {
    case "const":
      return String(d.v);
    case "sym":
      return d.name;
    case "op": {
      // The numerator and denominator bind as the operands of a division: `ceil((T - 1) / 3)`.
      if (d.op === "ceil/") return `ceil(${format(d.a, precedence["/"])} / ${format(d.b, precedence["/"] + 1)})`;
      const p = precedence[d.op];
      const text = `${format(d.a, p)} ${d.op} ${format(d.b, p + 1)}`;
      return p < parent ? `(${text})` : text;
    }
  }
}

/** Formats a shape as `[B, 28, 28, 1]`. */
export function formatShape(shape: readonly Dim[]): string {
  return `[${shape.map((d) => format(d)).join(", ")}]`;
}

/** Product of dimensions (element count of a shape). */
export function product(dims: readonly Dim[]): Dim {
  return dims.reduce<Dim>((acc, d) => mul(acc, d), dim(1));
}
