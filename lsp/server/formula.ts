/**
 * Parameter counts that depend on a model's parameters, as people write them: the dimension
 * expression expanded into a sum of monomials with like terms collected, `9·C·F + 9·F² + 4·F`,
 * instead of the nested sums and products the shape rules build. Divisions and remainders stay
 * whole factors (`ceil(H / 2)`), since they do not distribute.
 */
import { format, type Dim } from "../../compiler/shapes/dim.js";

/** A polynomial: coefficient by monomial (factor names sorted, joined by `·`; "" for the constant). */
type Poly = Map<string, number>;

const factorsOf = (monomial: string) => (monomial ? monomial.split("·") : []);

function addInto(out: Poly, monomial: string, c: number): void {
  const v = (out.get(monomial) ?? 0) + c;
  if (v === 0) out.delete(monomial);
  else out.set(monomial, v);
}

function plus(a: Poly, b: Poly, sign: number): Poly {
  const out = new Map(a);
  for (const [m, c] of b) addInto(out, m, sign * c);
  return out;
}

function times(a: Poly, b: Poly): Poly {
  const out: Poly = new Map();
  for (const [ma, ca] of a) for (const [mb, cb] of b) addInto(out, [...factorsOf(ma), ...factorsOf(mb)].sort().join("·"), ca * cb);
  return out;
}

function poly(d: Dim): Poly {
  switch (d.k) {
    case "const":
      return new Map(d.v === 0 ? [] : [["", d.v]]);
    case "sym":
      return new Map([[d.name, 1]]);
    case "op":
      if (d.op === "+") return plus(poly(d.a), poly(d.b), 1);
      if (d.op === "-") return plus(poly(d.a), poly(d.b), -1);
      if (d.op === "*") return times(poly(d.a), poly(d.b));
      // A quotient or remainder is one opaque factor, named by its text.
      return new Map([[`(${format(d)})`.replace(/^\((ceil\(.*\))\)$/, "$1"), 1]]);
  }
}

const superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const power = (n: number) => (n === 1 ? "" : [...String(n)].map((c) => superscripts[Number(c)]).join(""));

/** `C·F·F` → `C·F²`. */
function monomialText(monomial: string): string {
  const counts = new Map<string, number>();
  for (const f of factorsOf(monomial)) counts.set(f, (counts.get(f) ?? 0) + 1);
  return [...counts].map(([f, n]) => f + power(n)).join("·");
}

/** The expanded, collected form of `d`: highest degree first, then by name; the constant last. */
export function formatPolynomial(d: Dim): string {
  const terms = [...poly(d)].sort(([a], [b]) => factorsOf(b).length - factorsOf(a).length || (a < b ? -1 : a > b ? 1 : 0));
  if (!terms.length) return "0";
  let out = "";
  terms.forEach(([m, c], i) => {
    const magnitude = Math.abs(c);
    const body = m === "" ? String(magnitude) : `${magnitude === 1 ? "" : `${magnitude}·`}${monomialText(m)}`;
    out += i === 0 ? (c < 0 ? `-${body}` : body) : c < 0 ? ` - ${body}` : ` + ${body}`;
  });
  return out;
}
