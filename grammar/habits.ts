/**
 * Syntax a user brings from Python, PyTorch or Keras, recognized where it breaks DL's grammar and
 * explained in DL's terms: `conv2d(32, kernel: 3)`, `f32(B, 28, 28)`, `input x: [B, 784]`,
 * `h = h |> dense(10)`, `flatten dense(10)`, `for x, y in train:`, `evaluate (x, y) in mnist(...)`.
 * Two of them are read as what was meant (the token is re-typed, one error, no cascade); the rest
 * name the habit in the parser's error instead of the grammar's expectation.
 */
import type { IToken, TokenType } from "chevrotain";
import { Colon, Dot, Equals, LBracket, LParen, RBracket, RParen } from "./tokens.js";

/** A problem found while re-typing tokens, as `parse` reports it. */
export interface HabitProblem {
  message: string;
  span: { start: number; end: number };
}

const is = (t: IToken | undefined, type: TokenType) => t?.tokenType === type;
/** The parser matches tokens by `tokenTypeIdx`: both change. */
const retype = (t: IToken, type: TokenType) => {
  t.tokenType = type;
  t.tokenTypeIdx = type.tokenTypeIdx!;
};
const span = (t: IToken) => ({ start: t.startOffset, end: t.endOffset! + 1 });

/**
 * Re-types tokens where the habit is unambiguous and reports each once: `name: value` inside a
 * call's parentheses (Python's annotations, YAML) is read as `name=value`, and `f32(...)` after a
 * `:` as the tensor type `f32[...]`. A model's parameter list (`model Net(hidden: int = 4)`) keeps
 * its colons.
 */
export function retypeHabits(tokens: IToken[]): HabitProblem[] {
  const problems: HabitProblem[] = [];
  /** Open brackets: `call` for parentheses of a call or a tensor type read as brackets. */
  const open: { token: IToken; kind: "call" | "params" | "other" | "shape" }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    if (is(t, LParen)) {
      const dtype = prev && ["f32", "i32", "bool"].includes(prev.image) && is(tokens[i - 2], Colon);
      if (dtype) {
        retype(t, LBracket);
        open.push({ token: t, kind: "shape" });
        problems.push({ message: `a tensor shape is written in square brackets: ${prev.image}[...], not ${prev.image}(...)`, span: span(t) });
        continue;
      }
      // The name may be a soft keyword (`model step(x: int)`).
      const params = tokens[i - 2]?.tokenType.name === "Model";
      open.push({ token: t, kind: params ? "params" : "call" });
      continue;
    }
    if (is(t, LBracket) || t.tokenType.name === "LBrace") open.push({ token: t, kind: "other" });
    else if (is(t, RParen) || is(t, RBracket) || t.tokenType.name === "RBrace") {
      const top = open.pop();
      if (top?.kind === "shape" && is(t, RParen)) retype(t, RBracket);
    } else if (is(t, Colon) && open[open.length - 1]?.kind === "call" && prev?.tokenType.name === "Identifier" && (is(tokens[i - 2], LParen) || tokens[i - 2]?.tokenType.name === "Comma")) {
      retype(t, Equals);
      problems.push({ message: `named arguments are written with '=', not ':': ${prev.image}=...`, span: span(t) });
    }
  }
  return problems;
}

/**
 * A parser error explained as the habit behind it, with the source lines whose further errors
 * are the same mistake; undefined when the error is not one of these habits.
 */
export function habitMessage(
  message: string,
  t: IToken,
  before: IToken | undefined,
  next: IToken | undefined,
  text: string,
  tokens: IToken[] = [],
  index = -1,
): { message: string; lines: number[]; at?: IToken } | undefined {
  const line = t.startLine ?? 0;
  const expecting = /Expecting token of type --> (\w+) <--/.exec(message)?.[1];
  const sameLine = before?.startLine === t.startLine;
  const lineTokens = (l: number | undefined) => tokens.filter((x) => x.startLine === l);
  const first = lineTokens(line)[0];
  const startsLine = first === t;
  // `checkpoint best acc`: the direction is missing (the parser stops at the next line).
  const prevLine = before ? lineTokens(before.startLine) : [];
  if (prevLine[0]?.image === "checkpoint" && prevLine[1]?.image === "best" && prevLine.length === 3 && !sameLine) {
    return { message: `'checkpoint best' says which way is better: checkpoint best max ${prevLine[2]!.image} (or min, for a loss)`, lines: [line], at: prevLine[2] };
  }
  // `metric accuracy(net(x), y)`: a metric is named, as a value is.
  if (is(t, LParen) && expecting === "Equals" && first?.image === "metric" && before === lineTokens(line)[1]) {
    return { message: `a metric is named: metric ${before!.image === "accuracy" ? "acc" : before!.image} = ${before!.image}(...)`, lines: [line], at: before };
  }
  if (startsLine && expecting === "RBrace") {
    // The statement's block: the keyword that opened the innermost unclosed '{' before it.
    let depth = 0;
    let opener: string | undefined;
    for (let i = index - 1; i >= 0; i--) {
      const name = tokens[i]!.tokenType.name;
      if (name === "RBrace") depth++;
      else if (name === "LBrace" && depth-- === 0) {
        opener = lineTokens(tokens[i]!.startLine)[0]?.image;
        break;
      }
    }
    // `net.fit(train, epochs=3)` (Keras): a train block says what fit would do.
    if (is(next, Dot) && tokens[index + 2]?.image === "fit") {
      return { message: "DL has no fit(): a train block trains with 'epochs 3' and a loop 'for (x, y) in train { step opt minimize cross_entropy(net(x), y) }'", lines: [line] };
    }
    // `scheduler sched = cosine_lr(total=10)` (PyTorch's lr_scheduler): an optimizer argument.
    if (/^(scheduler|lr_scheduler|schedule|lr_schedule)$/.test(t.image) && opener === "train") {
      return { message: `a learning-rate schedule is an argument of the optimizer: optimizer opt = adam(net, schedule=${/=\s*(\w+\(.*\))\s*$/.exec(text.split("\n")[line - 1] ?? "")?.[1] ?? "cosine_lr(total=10)"})`, lines: [line] };
    }
    // `step` in an evaluate block: evaluation measures, it does not train.
    if (t.image === "step" && opener === "evaluate") {
      return { message: "an evaluate block only measures (metric acc = accuracy(net(x), y)); a 'step' trains, so it goes in the 'for ... in <data>' loop", lines: [line] };
    }
  }
  // `for x, y in train:` (Python): pairs go in parentheses, blocks in braces.
  if (t.tokenType.name === "Comma" && expecting === "In" && before?.tokenType.name === "Identifier") {
    const lineText = text.split("\n")[line - 1] ?? "";
    const colon = /:\s*$/.test(lineText);
    // The body of a Python-style loop is its more indented lines: the same mistake, not new ones.
    const lines = [line];
    if (colon) {
      const all = text.split("\n");
      const indent = (l: string) => /^[ \t]*/.exec(l)![0].length;
      for (let l = line; l < all.length && (all[l]!.trim() === "" || indent(all[l]!) > indent(lineText)); l++) lines.push(l + 1);
    }
    return {
      message: `a loop over pairs names them in parentheses${colon ? ", and its body goes in braces, not after ':'" : ""}: for (${before.image}, ...) in ... { ... }`,
      lines,
    };
  }
  // `input x: [B, 784]`: the dtype is missing.
  if (is(t, LBracket) && before && is(before, Colon)) {
    return { message: "a tensor type starts with its dtype: f32[...] (or i32[...], bool[...])", lines: [line] };
  }
  // `evaluate (x, y) in mnist(split="test")`: loops read data sets the train block declares.
  if (is(t, LParen) && expecting === "LBrace" && before?.tokenType.name !== "RParen") {
    return {
      message: `a loop reads a data set declared in the train block: declare it first ('data test = ${before?.image ?? "mnist"}(...) |> batch(...)'), then loop 'in test'`,
      lines: [line],
    };
  }
  if (t.tokenType.name === "Identifier" || t.tokenType.name === "Name" || t.tokenType.CATEGORIES?.some((c) => c.name === "Name")) {
    // `h = h |> dense(10)` (Python): DL binds names once, with let.
    if (is(next, Equals) && (!sameLine || before?.tokenType.name === "RBrace")) {
      return { message: `'${t.image} = ...' is not a statement: a name is bound once, with 'let'; bind the new value to a new name, for example 'let ${t.image}2 = ...'`, lines: [line] };
    }
    // `x |> flatten dense(10)`: a stage without its pipe, where the statement should have ended.
    if (expecting === "RBrace" && sameLine && before && (before.tokenType.name === "Identifier" || is(before, RParen) || is(before, RBracket))) {
      return { message: `expected '|>' before '${t.image}': each stage of a pipeline follows '|>' (${before.image === ")" || before.image === "]" ? "" : `${before.image} `}|> ${t.image})`, lines: [line] };
    }
  }
  return undefined;
}
