/**
 * CST → AST. Tolerates recovered nodes and missing children: a part the parser could not read
 * becomes an `Error` expression or an empty identifier, never an exception.
 */
import type { CstNode, IToken } from "chevrotain";
import type * as A from "./ast.js";

type Child = CstNode | IToken;

function isToken(c: Child): c is IToken {
  return (c as IToken).image !== undefined;
}

function nodes(n: CstNode | undefined, key: string): CstNode[] {
  return ((n?.children[key] ?? []) as Child[]).filter((c): c is CstNode => !isToken(c));
}

function tokens(n: CstNode | undefined, key: string): IToken[] {
  return ((n?.children[key] ?? []) as Child[]).filter(isToken).filter((t) => !t.isInsertedInRecovery && !isNaN(t.startOffset));
}

function node(n: CstNode | undefined, key: string, i = 0): CstNode | undefined {
  return nodes(n, key)[i];
}

function token(n: CstNode | undefined, key: string, i = 0): IToken | undefined {
  return tokens(n, key)[i];
}

/** The span a CST node covers; falls back to `fallback` for nodes the parser recovered empty. */
function spanOf(n: CstNode | undefined, fallback: A.Span): A.Span {
  const loc = n?.location;
  if (!loc || isNaN(loc.startOffset) || loc.endOffset === undefined || isNaN(loc.endOffset)) return fallback;
  return { start: loc.startOffset, end: loc.endOffset + 1 };
}

/** The span from the start of `a` to the end of `b`; either way round after error recovery. */
function cover(a: A.Span, b: A.Span): A.Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function tokenSpan(t: IToken): A.Span {
  return { start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 };
}

/** Converts one parsed file. `textLength` bounds the fallback spans of recovered nodes. */
export class CstToAst {
  constructor(private readonly textLength: number) {}

  private readonly empty: A.Span = { start: 0, end: 0 };

  private ident(t: IToken | undefined, around: A.Span): A.Ident {
    if (!t) return { kind: "Ident", name: "", span: { start: around.end, end: around.end } };
    return { kind: "Ident", name: t.image, span: tokenSpan(t) };
  }

  program(cst: CstNode): A.Program {
    const items = nodes(cst, "item").flatMap((it) => {
      const converted = this.item(it);
      return converted ? [converted] : [];
    });
    return { kind: "Program", items, comments: [], span: { start: 0, end: this.textLength } };
  }

  private item(n: CstNode): A.Item | undefined {
    const imp = node(n, "importDecl");
    if (imp) return this.importDecl(imp);
    const model = node(n, "modelDecl");
    if (model) return this.modelDecl(model);
    const train = node(n, "trainDecl");
    if (train) return this.trainDecl(train);
    return undefined;
  }

  private importDecl(n: CstNode): A.ImportDecl {
    const span = spanOf(n, this.empty);
    const pathTok = token(n, "StringLiteral");
    const path: A.StringLit = pathTok
      ? { kind: "String", value: unquote(pathTok.image), span: tokenSpan(pathTok) }
      : { kind: "String", value: "", span: { start: span.end, end: span.end } };
    const names = nodes(n, "importName").map((nm) => {
      const s = spanOf(nm, span);
      const alias = token(nm, "alias");
      return { kind: "ImportName" as const, name: this.ident(token(nm, "name"), s), alias: alias ? this.ident(alias, s) : undefined, span: s };
    });
    return { kind: "ImportDecl", names, path, span };
  }

  private modelDecl(n: CstNode): A.ModelDecl {
    const span = spanOf(n, this.empty);
    const params = nodes(n, "param").map((p) => {
      const s = spanOf(p, span);
      const def = node(p, "expression");
      return {
        kind: "Param" as const,
        name: this.ident(token(p, "name"), s),
        type: this.ident(token(p, "type"), s),
        default: def ? this.expression(def, s) : undefined,
        span: s,
      };
    });
    const body = nodes(n, "modelStmt").flatMap((st) => {
      const converted = this.modelStmt(st, span);
      return converted ? [converted] : [];
    });
    return { kind: "ModelDecl", name: this.ident(token(n, "Name"), span), params, body, span };
  }

  private tensorType(tt: CstNode | undefined, s: A.Span): A.TensorTypeRef {
    const ts = spanOf(tt, { start: s.end, end: s.end });
    return {
      kind: "TensorType",
      dtype: this.ident(token(tt, "dtype"), ts),
      dims: nodes(tt, "expression").map((d) => this.expression(d, ts)),
      span: ts,
    };
  }

  private modelStmt(n: CstNode, parent: A.Span): A.ModelStmt | undefined {
    const input = node(n, "inputStmt");
    if (input) {
      const s = spanOf(input, parent);
      return { kind: "InputStmt", name: this.ident(token(input, "Name"), s), type: this.tensorType(node(input, "tensorType"), s), span: s };
    }
    const param = node(n, "paramStmt");
    if (param) {
      const s = spanOf(param, parent);
      const type = this.tensorType(node(param, "tensorType"), s);
      return { kind: "ParamStmt", name: this.ident(token(param, "Name"), s), type, init: this.expression(node(param, "expression"), { start: type.span.end, end: s.end }), span: s };
    }
    const letS = node(n, "letStmt");
    if (letS) return this.letStmt(letS, parent);
    const layer = node(n, "layerStmt");
    if (layer) {
      const s = spanOf(layer, parent);
      return { kind: "LayerStmt", name: this.ident(token(layer, "Name"), s), value: this.expression(node(layer, "expression"), s), span: s };
    }
    const ret = node(n, "returnStmt");
    if (ret) {
      const s = spanOf(ret, parent);
      return { kind: "ReturnStmt", value: this.expression(node(ret, "expression"), s), span: s };
    }
    return undefined;
  }

  private letStmt(n: CstNode, parent: A.Span): A.LetStmt {
    const s = spanOf(n, parent);
    const pattern = node(n, "pattern");
    const value = this.expression(node(n, "expression"), s);
    // `let (a, b) = ...` destructures a tuple; `let (a) = ...` is `let a = ...`, as in Python.
    const names = this.pattern(pattern, s);
    if (names.length > 1) return { kind: "LetStmt", names, value, span: s };
    return { kind: "LetStmt", name: names[0]!, value, span: s };
  }

  private trainDecl(n: CstNode): A.TrainDecl {
    const span = spanOf(n, this.empty);
    const items = nodes(n, "trainItem").flatMap((it) => {
      const converted = this.trainItem(it, span);
      return converted ? [converted] : [];
    });
    return { kind: "TrainDecl", name: this.ident(token(n, "Name"), span), items, span };
  }

  private named<K extends "DataDecl" | "InstanceDecl" | "OptimizerDecl">(kind: K, n: CstNode, parent: A.Span) {
    const s = spanOf(n, parent);
    return { kind, name: this.ident(token(n, "Name"), s), value: this.expression(node(n, "expression"), s), span: s };
  }

  private trainItem(n: CstNode, parent: A.Span): A.TrainItem | undefined {
    const data = node(n, "dataDecl");
    if (data) return this.named("DataDecl", data, parent);
    const inst = node(n, "instanceDecl");
    if (inst) return this.named("InstanceDecl", inst, parent);
    const opt = node(n, "optimizerDecl");
    if (opt) return this.named("OptimizerDecl", opt, parent);
    const epochs = node(n, "epochsDecl");
    if (epochs) {
      const s = spanOf(epochs, parent);
      return { kind: "EpochsDecl", value: this.expression(node(epochs, "expression"), s), span: s };
    }
    const seed = node(n, "seedDecl");
    if (seed) {
      const s = spanOf(seed, parent);
      return { kind: "SeedDecl", value: this.expression(node(seed, "expression"), s), span: s };
    }
    const loop = node(n, "forLoop");
    if (loop) {
      const s = spanOf(loop, parent);
      return {
        kind: "ForLoop",
        pattern: this.pattern(node(loop, "pattern"), s),
        source: this.ident(token(loop, "source"), s),
        body: this.loopBody(loop, s),
        span: s,
      };
    }
    const ev = node(n, "evaluateBlock");
    if (ev) {
      const s = spanOf(ev, parent);
      const metrics = nodes(ev, "metricDecl").map((m): A.EvaluateStmt => {
        const ms = spanOf(m, s);
        return { kind: "MetricDecl" as const, name: this.ident(token(m, "Name"), ms), value: this.expression(node(m, "expression"), ms), span: ms };
      });
      const lets = nodes(ev, "letStmt").map((l): A.EvaluateStmt => this.letStmt(l, s));
      // Metrics and lets interleave in source order.
      const body = [...metrics, ...lets].sort((a, b) => a.span.start - b.span.start);
      return { kind: "EvaluateBlock", pattern: this.pattern(node(ev, "pattern"), s), source: this.ident(token(ev, "source"), s), body, span: s };
    }
    const ck = node(n, "checkpointDecl");
    if (ck) {
      const s = spanOf(ck, parent);
      return { kind: "CheckpointDecl", every: this.expression(node(ck, "expression"), s), unit: this.ident(token(ck, "unit"), s), span: s };
    }
    const best = node(n, "checkpointBestDecl");
    if (best) {
      const s = spanOf(best, parent);
      return { kind: "CheckpointBestDecl", mode: this.ident(token(best, "mode"), s), metric: this.ident(token(best, "metric"), s), span: s };
    }
    const stop = node(n, "stopDecl");
    if (stop) {
      const s = spanOf(stop, parent);
      return {
        kind: "StopDecl",
        mode: this.ident(token(stop, "mode"), s),
        metric: this.ident(token(stop, "metric"), s),
        patience: this.expression(node(stop, "expression"), s),
        span: s,
      };
    }
    const samples = node(n, "samplesDecl");
    if (samples) {
      const s = spanOf(samples, parent);
      return { kind: "SamplesDecl", value: this.expression(node(samples, "expression"), s), span: s };
    }
    const init = node(n, "initDecl");
    if (init) {
      const s = spanOf(init, parent);
      const str = token(init, "StringLiteral");
      const source: A.InitDecl["source"] = str
        ? { kind: "String", value: unquote(str.image), span: tokenSpan(str) }
        : this.weightPath(node(init, "source"), s);
      return { kind: "InitDecl", model: this.ident(token(init, "model"), s), under: tokens(init, "under").map((t) => this.ident(t, s)), source, except: nodes(init, "except").map((p) => this.weightPath(p, s)), span: s };
    }
    const freeze = node(n, "freezeDecl");
    if (freeze) {
      const s = spanOf(freeze, parent);
      return { kind: "FreezeDecl", targets: nodes(freeze, "weightPath").map((p) => this.weightPath(p, s)), span: s };
    }
    return undefined;
  }

  /** `net.features.conv2d_0`; a missing one (after a syntax error) is one empty name. */
  private weightPath(n: CstNode | undefined, parent: A.Span): A.WeightPath {
    const s = spanOf(n, parent);
    const toks = tokens(n, "Name");
    return { kind: "WeightPath", parts: toks.length ? toks.map((t) => this.ident(t, s)) : [this.ident(undefined, s)], span: s };
  }

  private pattern(n: CstNode | undefined, parent: A.Span): A.Ident[] {
    const s = spanOf(n, parent);
    const toks = tokens(n, "Name");
    return toks.length ? toks.map((t) => this.ident(t, s)) : [this.ident(undefined, s)];
  }

  private loopBody(n: CstNode, parent: A.Span): A.LoopStmt[] {
    return nodes(n, "loopStmt").flatMap((st): A.LoopStmt[] => {
      const letS = node(st, "letStmt");
      if (letS) return [this.letStmt(letS, parent)];
      const step = node(st, "stepStmt");
      if (step) {
        const s = spanOf(step, parent);
        return [{ kind: "StepStmt", optimizer: this.ident(token(step, "Name"), s), loss: this.expression(node(step, "expression"), s), span: s }];
      }
      const rep = node(st, "repeatStmt");
      if (rep) {
        const s = spanOf(rep, parent);
        const fresh = token(rep, "Fresh");
        return [{ kind: "RepeatStmt", count: this.expression(node(rep, "expression"), s), ...(fresh ? { fresh: true, freshSpan: tokenSpan(fresh) } : {}), body: this.loopBody(rep, s), span: s }];
      }
      return [];
    });
  }

  /** Any expression rule; a missing node becomes an `Error` expression at the end of `parent`. */
  expression(n: CstNode | undefined, parent: A.Span): A.Expr {
    if (!n) return { kind: "Error", span: { start: parent.end, end: parent.end } };
    const span = spanOf(n, parent);
    switch (n.name) {
      case "expression": {
        const input = this.expression(node(n, "orExpr"), span);
        const stages = nodes(n, "stages").map((st) => this.expression(st, span));
        return stages.length ? { kind: "Pipe", input, stages, span } : input;
      }
      case "orExpr":
      case "andExpr":
      case "compareExpr":
      case "addExpr":
      case "mulExpr":
        return this.binary(n, span);
      case "unaryExpr": {
        const op = token(n, "operator");
        if (op) return { kind: "Unary", op: op.image as "-" | "!", operand: this.expression(node(n, "unaryExpr"), span), span };
        return this.expression(node(n, "postfixExpr"), span);
      }
      case "postfixExpr":
        return this.postfix(n, span);
      case "primary":
        return this.primary(n, span);
      default:
        return { kind: "Error", span };
    }
  }

  private binary(n: CstNode, span: A.Span): A.Expr {
    const operands = nodes(n, "operands");
    const operators = tokens(n, "operators");
    let left = this.expression(operands[0], span);
    for (let i = 0; i < operators.length; i++) {
      const right = this.expression(operands[i + 1], span);
      left = { kind: "Binary", op: operators[i]!.image as A.BinaryOp, left, right, span: cover(left.span, right.span) };
    }
    return left;
  }

  private postfix(n: CstNode, span: A.Span): A.Expr {
    let expr = this.expression(node(n, "primary"), span);
    // Calls and member accesses are interleaved in source order; sort the suffixes by offset.
    const suffixes: { offset: number; apply: (e: A.Expr) => A.Expr }[] = [];
    for (const call of nodes(n, "callSuffix")) {
      const cs = spanOf(call, span);
      suffixes.push({
        offset: cs.start,
        apply: (callee) => ({
          kind: "Call",
          callee,
          args: nodes(call, "argument").map((a) => this.argument(a, cs)),
          argsSpan: cs,
          span: cover(callee.span, cs),
        }),
      });
    }
    for (const ix of nodes(n, "indexSuffix")) {
      const is = spanOf(ix, span);
      suffixes.push({
        offset: is.start,
        apply: (object) => ({ kind: "Index", object, items: nodes(ix, "indexItem").map((it) => this.indexItem(it, is)), span: cover(object.span, is) }),
      });
    }
    for (const m of tokens(n, "member")) {
      // `t.0.1`: the lexer's float `0.1` is the items 0 and 1 (a float like `1e3` stays one name, which no value has).
      const parts = /^\d+\.\d+$/.test(m.image) ? m.image.split(".") : [m.image];
      let start = m.startOffset;
      for (const part of parts) {
        const member: A.Ident = { kind: "Ident", name: part, span: { start, end: start + part.length } };
        suffixes.push({ offset: start, apply: (object) => ({ kind: "Member", object, member, span: cover(object.span, member.span) }) });
        start += part.length + 1;
      }
    }
    suffixes.sort((a, b) => a.offset - b.offset);
    for (const s of suffixes) expr = s.apply(expr);
    return expr;
  }

  private indexItem(n: CstNode, parent: A.Span): A.IndexItem {
    const span = spanOf(n, parent);
    if (token(n, "Ellipsis")) return { kind: "IndexItem", form: "rest", span };
    const start = node(n, "start");
    const end = node(n, "end");
    const step = node(n, "step");
    return {
      kind: "IndexItem",
      form: token(n, "colon") ? "range" : "index",
      start: start ? this.expression(start, span) : undefined,
      end: end ? this.expression(end, span) : undefined,
      ...(step ? { step: this.expression(step, span) } : {}),
      span,
    };
  }

  private argument(n: CstNode, parent: A.Span): A.Argument {
    const s = spanOf(n, parent);
    const name = token(n, "name");
    return { kind: "Argument", name: name ? this.ident(name, s) : undefined, value: this.expression(node(n, "expression"), s), span: s };
  }

  private primary(n: CstNode, span: A.Span): A.Expr {
    const f = token(n, "FloatLiteral");
    if (f) return { kind: "Float", value: Number(f.image), text: f.image, span: tokenSpan(f) };
    const i = token(n, "IntLiteral");
    if (i) return { kind: "Int", value: Number(i.image), span: tokenSpan(i) };
    const s = token(n, "StringLiteral");
    if (s) return { kind: "String", value: unquote(s.image), span: tokenSpan(s) };
    if (token(n, "True")) return { kind: "Bool", value: true, span };
    if (token(n, "False")) return { kind: "Bool", value: false, span };
    const id = token(n, "Name");
    if (id) return { kind: "Name", name: id.image, span: tokenSpan(id) };
    const paren = node(n, "parenExpr");
    if (paren) {
      const items = nodes(paren, "expression").map((e) => this.expression(e, span));
      const hasComma = tokens(paren, "Comma").length > 0;
      return items.length === 1 && !hasComma ? items[0]! : { kind: "Tuple", items, span: spanOf(paren, span) };
    }
    const list = node(n, "listExpr");
    if (list) return { kind: "List", items: nodes(list, "expression").map((e) => this.expression(e, span)), span: spanOf(list, span) };
    const ifE = node(n, "ifExpr");
    if (ifE) return this.ifExpr(ifE, span);
    const rep = node(n, "repeatExpr");
    if (rep) {
      const rs = spanOf(rep, span);
      const index = token(rep, "index");
      const from = node(rep, "from");
      return {
        kind: "Repeat",
        index: index ? this.ident(index, rs) : undefined,
        from: from ? this.expression(from, rs) : undefined,
        to: this.expression(node(rep, "to"), rs),
        stages: nodes(rep, "stages").map((st) => this.expression(st, rs)),
        span: rs,
      };
    }
    return { kind: "Error", span };
  }

  private ifExpr(n: CstNode, parent: A.Span): A.IfExpr {
    const span = spanOf(n, parent);
    const elseIf = node(n, "elseIf");
    return {
      kind: "If",
      condition: this.expression(node(n, "condition"), span),
      then: this.expression(node(n, "then"), span),
      else: elseIf ? this.ifExpr(elseIf, span) : this.expression(node(n, "else"), span),
      span,
    };
  }
}

/** Removes the quotes of a string literal and resolves its escapes (`\n`, `\t`, `\"`, `\\`). */
export function unquote(image: string): string {
  // A string typed with smart quotes (reported by the lexer) closes on its look-alike too.
  const body = image.slice(1, /["\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb]$/.test(image) && image.length > 1 ? -1 : undefined);
  return body.replace(/\\(.)/g, (_, c: string) => ({ n: "\n", t: "\t", r: "\r" })[c] ?? c);
}
