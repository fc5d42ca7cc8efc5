/** Safe TypeScript identifiers for user names in generated code. */

const reserved = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in " +
    "instanceof new null return super switch this throw true try typeof var void while with as implements interface let package private " +
    "protected public static yield any boolean constructor declare get module require number set string symbol type from of await async " +
    "undefined NaN Infinity arguments eval " +
    // Names the generated code itself uses.
    "dl tf training rng s batch apply B_ " +
    // Members of dl.Module (runtime/module.ts): a layer field must not shadow them.
    "path frozen frozenParams isFrozen freezeNamed params children parent name param namedVariables trainableVariables parameterCount freeze dispose visit"
  ).split(" "),
);

/**
 * A user identifier as a TS identifier. DL identifiers are already `[A-Za-z_][A-Za-z0-9_]*`, so
 * only clashes matter: reserved words, generated temporaries (`t12`), generated layer fields and
 * classes (`dense_0`, `Block_2`) and the generator's names. A trailing `_` marks a renamed name,
 * so names that already end in `_` get one more.
 */
export function safeName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return "_" + name.replace(/[^A-Za-z0-9_]/g, "_");
  return reserved.has(name) || /^t\d+$/.test(name) || /_\d+$/.test(name) || name.endsWith("_") ? name + "_" : name;
}

/** A class name for a model; models are capitalized by convention but any name must work. */
export function className(name: string): string {
  return safeName(name);
}
