import { constValue, definitelyDifferent, format, formatShape, type Dim } from "../../shapes/dim.js";
import type { ShapeContext, TensorShape } from "../../registry/types.js";

/**
 * NumPy broadcasting of two shapes (trailing axes aligned, 1 stretches). Reports the first axis
 * whose sizes differ and neither is 1.
 */
export function broadcast(ctx: ShapeContext, a: TensorShape, b: TensorShape): TensorShape | undefined {
  const rank = Math.max(a.shape.length, b.shape.length);
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a.shape[a.shape.length - rank + i];
    const db = b.shape[b.shape.length - rank + i];
    // A missing axis (the lower-rank side) stretches like a 1; check both sides for it first, or a
    // 1 against a missing axis would take the missing one.
    if (!da) out.push(db!);
    else if (!db) out.push(da);
    else if (constValue(da) === 1) out.push(db);
    else if (constValue(db) === 1) out.push(da);
    else if (definitelyDifferent(da, db) || symbolAgainstConstant(da, db)) {
      return ctx.fail(
        "dimensionMismatch",
        `${ctx.site}: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} differ on axis ${i} (${format(da)} vs ${format(db)}) and neither is 1`,
      );
    } else out.push(da);
  }
  return { shape: out, dtype: a.dtype };
}

/**
 * A symbolic size (the batch size B, an image's H) against a constant other than 1: the sizes
 * agree only for one value of the symbol, so `[B, 5, 5, 3] + [B, 3]` (B against 5) is refused
 * instead of failing at run time.
 */
function symbolAgainstConstant(a: Dim, b: Dim): boolean {
  return (constValue(a) === undefined) !== (constValue(b) === undefined);
}
