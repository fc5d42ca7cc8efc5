/**
 * The PyTorch target: translates the module the TypeScript target generated into a Python module
 * that imports the Python runtime (`runtime-torch/dl_torch`, `import dl_torch as dl`), whose API
 * mirrors the tfjs runtime's name for name (runtime/CONTRACT.md). One class per generated model
 * class (an nn.Module through `dl.Module`), one function per train block.
 *
 * Why from the generated TypeScript: the typed IR (compiler/ir, issue #15 items 1-2) had not landed
 * when this target was written. The generated TypeScript is a small, regular language (classes,
 * `const` bindings, calls, object and array literals, arrow functions), so translating it keeps
 * every layer, op and train-program feature in one place (the registry's emitters) until the
 * target can lower the IR directly; only this file would change then.
 */
import ts from "typescript";
import { PythonWriter, pyName, pyString } from "./python-writer.js";

import { TorchTargetError } from "./runtime-call.js";
import type { TorchModule } from "./emit-module.js";

/**
 * Translates `tsCode` (a module the TypeScript target generated from `source`) into Python.
 * `trains` lists the train functions (in source order) for the module's `TRAIN_PROGRAMS`.
 */
export function emitTorchFromTypeScript(tsCode: string, source: string, trains: string[]): TorchModule {
  const file = ts.createSourceFile("module.ts", tsCode, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const t = new Translator(file, identifiersOf(file));
  const w = new PythonWriter();
  w.line(`# Generated from ${source.replace(/\n/g, " ")} by dl (--target torch). Do not edit: change the .dl file and compile again.`);
  w.line(`# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.`);
  w.line("import dl_torch as dl");
  for (const st of file.statements) {
    if (ts.isImportDeclaration(st)) continue;
    w.line();
    w.line();
    t.topLevel(st, w);
  }
  w.line();
  w.line(`TRAIN_PROGRAMS = [${trains.map(pyString).join(", ")}]`);
  w.line();
  w.block(`if __name__ == "__main__"`, () => w.line("raise SystemExit(dl.main(__import__(__name__)))"));
  // `dl.data` is only the head of `dl.data.mnist`: keep the names that are not a prefix of another.
  const names = [...t.runtimeNames];
  return { code: w.toString(), runtimeNames: names.filter((n) => !names.some((m) => m.startsWith(`${n}.`))).sort() };
}

function identifiersOf(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) names.add(n.text);
    ts.forEachChild(n, visit);
  };
  visit(file);
  return names;
}

class Translator {
  readonly runtimeNames = new Set<string>();
  private readonly used: Set<string>;

  constructor(
    private readonly file: ts.SourceFile,
    identifiers: Set<string>,
  ) {
    this.used = new Set(identifiers);
  }

  private fail(node: ts.Node, what: string): never {
    const { line, character } = this.file.getLineAndCharacterOfPosition(node.getStart());
    throw new TorchTargetError(`the torch target cannot translate ${what} (generated TypeScript ${line + 1}:${character + 1}: ${node.getText().slice(0, 60)})`);
  }

  /** A fresh helper name that no identifier of the module uses. */
  private fresh(base: string): string {
    let name = `_${base}`;
    for (let i = 2; this.used.has(name); i++) name = `_${base}_${i}`;
    this.used.add(name);
    return name;
  }

  topLevel(st: ts.Statement, w: PythonWriter): void {
    if (ts.isClassDeclaration(st)) return this.classDecl(st, w);
    if (ts.isFunctionDeclaration(st) && st.name && st.body) {
      this.docComment(st, w);
      return w.block(`def ${pyName(st.name.text)}(${this.params(st.parameters)})`, () => this.body(st.body!, w));
    }
    this.statement(st, w);
  }

  /** The JSDoc of a declaration as Python comments (the generated TypeScript's docs). */
  private docComment(node: ts.Node, w: PythonWriter): void {
    const ranges = ts.getLeadingCommentRanges(this.file.text, node.getFullStart()) ?? [];
    for (const r of ranges) {
      const text = this.file.text.slice(r.pos, r.end);
      if (!text.startsWith("/**")) continue;
      for (const raw of text.split("\n")) {
        const l = raw.replace(/^\s*\/\*\*\s?|^\s*\*\/|^\s*\*\s?/g, "").replace(/\s*\*\/$/, "");
        if (l.trim()) w.line(`# ${l}`);
      }
    }
  }

  private classDecl(c: ts.ClassDeclaration, w: PythonWriter): void {
    const base = c.heritageClauses?.flatMap((h) => h.types.map((e) => this.expr(e.expression, w))) ?? [];
    this.docComment(c, w);
    w.block(`class ${pyName(c.name!.text)}(${base.join(", ")})`, () => {
      // Property initializers (`readonly conv2d_0 = new dl.layers.Conv2D(this, ...)`) run right
      // after the base constructor, as in TypeScript; without a constructor of its own the class
      // takes dl.Module's parameters.
      const fields = c.members.filter((m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && m.initializer !== undefined);
      const initFields = () => {
        for (const f of fields) {
          if (!ts.isIdentifier(f.name)) this.fail(f, "a computed field name");
          w.line(`self.${pyName(f.name.text)} = ${this.expr(f.initializer!, w, f.name.text)}`);
        }
      };
      const ctor = c.members.find(ts.isConstructorDeclaration);
      let first = true;
      if (!ctor && fields.length) {
        w.block("def __init__(self, parent, name, rng=None)", () => {
          w.line("super().__init__(parent, name, rng)");
          initFields();
        });
        first = false;
      }
      for (const m of c.members) {
        if (ts.isPropertyDeclaration(m)) continue;
        if (!first) w.line();
        first = false;
        if (ts.isConstructorDeclaration(m) && m.body) {
          w.block(`def __init__(self, ${this.params(m.parameters)})`, () => {
            const [head, ...rest] = m.body!.statements;
            if (head) this.statement(head, w);
            initFields();
            for (const st of rest) this.statement(st, w);
          });
        } else if (ts.isMethodDeclaration(m) && m.body && ts.isIdentifier(m.name)) {
          w.block(`def ${pyName(m.name.text)}(self, ${this.params(m.parameters)})`, () => this.body(m.body!, w));
        } else this.fail(m, "this class member");
      }
    });
  }

  private params(ps: ts.NodeArray<ts.ParameterDeclaration>): string {
    return ps
      .map((p) => {
        if (!ts.isIdentifier(p.name)) this.fail(p, "a destructured parameter");
        const name = pyName(p.name.text);
        if (p.initializer) return `${name}=${this.expr(p.initializer, new PythonWriter())}`;
        return p.questionToken ? `${name}=None` : name;
      })
      .join(", ");
  }

  private body(b: ts.Block, w: PythonWriter): void {
    for (const st of b.statements) this.statement(st, w);
  }

  private statement(st: ts.Statement, w: PythonWriter): void {
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!d.initializer) this.fail(d, "a declaration without a value");
        const value = this.expr(d.initializer, w);
        if (ts.isIdentifier(d.name)) w.line(`${pyName(d.name.text)} = ${value}`);
        else if (ts.isArrayBindingPattern(d.name)) {
          const names = d.name.elements.map((e) => (ts.isBindingElement(e) && ts.isIdentifier(e.name) ? pyName(e.name.text) : "_"));
          w.line(`${names.join(", ")}${names.length === 1 ? "," : ""} = ${value}[:${names.length}]`);
        } else this.fail(d, "an object destructuring");
      }
      return;
    }
    if (ts.isExpressionStatement(st)) {
      const e = st.expression;
      if (ts.isCallExpression(e) && e.expression.kind === ts.SyntaxKind.SuperKeyword) {
        w.line(`super().__init__(${e.arguments.map((a) => this.expr(a, w)).join(", ")})`);
        return;
      }
      if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const target = this.expr(e.left, w);
        w.line(`${target} = ${this.expr(e.right, w)}`);
        return;
      }
      w.line(this.expr(e, w));
      return;
    }
    if (ts.isReturnStatement(st)) {
      w.line(st.expression ? `return ${this.expr(st.expression, w)}` : "return");
      return;
    }
    this.fail(st, "this statement");
  }

  /**
   * An expression as Python. Arrow functions with a block body become a `def` written to `w`
   * before the statement being translated (Python lambdas hold one expression only).
   */
  expr(e: ts.Expression, w: PythonWriter, hint = "fn"): string {
    if (ts.isParenthesizedExpression(e)) return `(${this.expr(e.expression, w)})`;
    if (ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e)) return this.expr(e.expression, w, hint);
    if (ts.isIdentifier(e)) {
      if (e.text === "undefined") return "None";
      return pyName(e.text);
    }
    switch (e.kind) {
      case ts.SyntaxKind.ThisKeyword:
        return "self";
      case ts.SyntaxKind.NullKeyword:
        return "None";
      case ts.SyntaxKind.TrueKeyword:
        return "True";
      case ts.SyntaxKind.FalseKeyword:
        return "False";
    }
    if (ts.isNumericLiteral(e)) return e.text;
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return pyString(e.text);
    if (ts.isPropertyAccessExpression(e)) {
      const text = `${this.expr(e.expression, w)}.${e.name.text}`;
      if (/^dl(\.[A-Za-z_$][\w$]*)+$/.test(text)) this.runtimeNames.add(text);
      return text;
    }
    if (ts.isElementAccessExpression(e)) return `${this.expr(e.expression, w)}[${this.expr(e.argumentExpression, w)}]`;
    if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
      // A layer's methods other than `apply` (`this.lstm_0.applyWithState(...)`) are runtime API too.
      const callee = e.expression;
      if (ts.isPropertyAccessExpression(callee) && ts.isPropertyAccessExpression(callee.expression) && callee.expression.expression.kind === ts.SyntaxKind.ThisKeyword && callee.name.text !== "apply") {
        this.runtimeNames.add(`method ${callee.name.text}`);
      }
      const args = (e.arguments ?? []).map((a, i) => this.expr(a, w, i === (e.arguments?.length ?? 0) - 1 ? callHint(e) : "fn"));
      return `${this.expr(e.expression, w)}(${args.join(", ")})`;
    }
    if (ts.isArrayLiteralExpression(e)) return `[${e.elements.map((x) => this.expr(x, w)).join(", ")}]`;
    if (ts.isObjectLiteralExpression(e)) {
      const items = e.properties.map((p) => {
        if (ts.isShorthandPropertyAssignment(p)) return `${pyString(p.name.text)}: ${pyName(p.name.text)}`;
        if (ts.isPropertyAssignment(p)) {
          const name = ts.isComputedPropertyName(p.name) && ts.isStringLiteral(p.name.expression) ? p.name.expression : p.name;
          const key = ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : this.fail(p, "a computed key");
          return `${pyString(key)}: ${this.expr(p.initializer, w, key)}`;
        }
        return this.fail(p, "this object member");
      });
      return `{${items.join(", ")}}`;
    }
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
      const params = this.params(e.parameters);
      if (!ts.isBlock(e.body)) {
        const inner = new PythonWriter();
        const body = this.expr(e.body, inner);
        if (inner.toString().trim() === "") return `(lambda${params ? " " + params : ""}: ${body})`;
      }
      const name = this.fresh(hint);
      const body = e.body;
      w.block(`def ${name}(${params})`, () => {
        if (ts.isBlock(body)) this.body(body, w);
        else w.line(`return ${this.expr(body, w)}`);
      });
      return name;
    }
    if (ts.isPrefixUnaryExpression(e)) {
      const op = { [ts.SyntaxKind.MinusToken]: "-", [ts.SyntaxKind.PlusToken]: "+", [ts.SyntaxKind.ExclamationToken]: "not " }[e.operator as number];
      if (!op) this.fail(e, "this operator");
      return `${op}${this.expr(e.operand, w)}`;
    }
    if (ts.isBinaryExpression(e)) {
      const ops: Partial<Record<ts.SyntaxKind, string>> = {
        [ts.SyntaxKind.PlusToken]: "+",
        [ts.SyntaxKind.MinusToken]: "-",
        [ts.SyntaxKind.AsteriskToken]: "*",
        [ts.SyntaxKind.SlashToken]: "/",
        [ts.SyntaxKind.PercentToken]: "%",
        [ts.SyntaxKind.AsteriskAsteriskToken]: "**",
        [ts.SyntaxKind.EqualsEqualsEqualsToken]: "==",
        [ts.SyntaxKind.ExclamationEqualsEqualsToken]: "!=",
        [ts.SyntaxKind.LessThanToken]: "<",
        [ts.SyntaxKind.LessThanEqualsToken]: "<=",
        [ts.SyntaxKind.GreaterThanToken]: ">",
        [ts.SyntaxKind.GreaterThanEqualsToken]: ">=",
        [ts.SyntaxKind.AmpersandAmpersandToken]: "and",
        [ts.SyntaxKind.BarBarToken]: "or",
      };
      const op = ops[e.operatorToken.kind];
      if (!op) this.fail(e, "this operator");
      return `${this.expr(e.left, w)} ${op} ${this.expr(e.right, w)}`;
    }
    if (ts.isConditionalExpression(e)) return `(${this.expr(e.whenTrue, w)} if ${this.expr(e.condition, w)} else ${this.expr(e.whenFalse, w)})`;
    return this.fail(e, "this expression");
  }
}

/** The helper name for an arrow function passed to a call: `s.minimize(...)` → `_loss`. */
function callHint(e: ts.CallExpression | ts.NewExpression): string {
  const callee = e.expression;
  if (ts.isPropertyAccessExpression(callee)) {
    if (callee.name.text === "minimize") return "loss";
    if (callee.name.text === "repeat") return "critic_step";
    return callee.name.text;
  }
  return "fn";
}
