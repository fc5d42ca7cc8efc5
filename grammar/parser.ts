/**
 * The DL concrete-syntax parser: one Chevrotain CstParser instance, error recovery on, full node
 * locations, so the editor gets a partial tree and several syntax errors from one file.
 */
import { CstParser, type CstNode, type IOrAlt, type IToken } from "./chevrotain.js";
import * as T from "./tokens.js";

class DlParser extends CstParser {
  /**
   * Each OR's alternatives, built once: creating the closures on every call made parsing slow
   * (Chevrotain's "caching arrays of alternatives" advice).
   */
  private readonly alternatives: IOrAlt<unknown>[][] = [];

  /** The next token to read: where a parse that ran out of stack had come to. */
  nextToken(): IToken {
    return this.LA(1);
  }

  constructor() {
    super(T.allTokens, { recoveryEnabled: true, nodeLocationTracking: "full", maxLookahead: 3 });
    this.performSelfAnalysis();
  }

  program = this.RULE("program", () => {
    this.MANY(() => this.SUBRULE(this.item));
  });

  item = this.RULE("item", () => {
    this.OR((this.alternatives[0] ??= [
      { ALT: () => this.SUBRULE(this.importDecl) },
      { ALT: () => this.SUBRULE(this.modelDecl) },
      { ALT: () => this.SUBRULE(this.trainDecl) },
    ]));
  });

  importDecl = this.RULE("importDecl", () => {
    this.CONSUME(T.Import);
    this.CONSUME(T.LBrace);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.importName) });
    this.CONSUME(T.RBrace);
    this.CONSUME(T.From);
    this.CONSUME(T.StringLiteral);
  });

  importName = this.RULE("importName", () => {
    this.CONSUME(T.Name, { LABEL: "name" });
    this.OPTION(() => {
      this.CONSUME(T.As);
      this.CONSUME2(T.Name, { LABEL: "alias" });
    });
  });

  modelDecl = this.RULE("modelDecl", () => {
    this.CONSUME(T.Model);
    this.CONSUME(T.Name);
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.param) });
    this.CONSUME(T.RParen);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.modelStmt));
    this.CONSUME(T.RBrace);
  });

  param = this.RULE("param", () => {
    this.CONSUME(T.Name, { LABEL: "name" });
    this.CONSUME(T.Colon);
    this.CONSUME2(T.Name, { LABEL: "type" });
    this.OPTION(() => {
      this.CONSUME(T.Equals);
      this.SUBRULE(this.expression);
    });
  });

  modelStmt = this.RULE("modelStmt", () => {
    this.OR((this.alternatives[1] ??= [
      { ALT: () => this.SUBRULE(this.inputStmt) },
      { ALT: () => this.SUBRULE(this.letStmt) },
      { ALT: () => this.SUBRULE(this.layerStmt) },
      { ALT: () => this.SUBRULE(this.paramStmt) },
      { ALT: () => this.SUBRULE(this.returnStmt) },
    ]));
  });

  inputStmt = this.RULE("inputStmt", () => {
    this.CONSUME(T.Input);
    this.CONSUME(T.Name);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.tensorType);
  });

  tensorType = this.RULE("tensorType", () => {
    this.CONSUME(T.Name, { LABEL: "dtype" });
    this.CONSUME(T.LBracket);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expression) });
    this.CONSUME(T.RBracket);
  });

  letStmt = this.RULE("letStmt", () => {
    this.CONSUME(T.Let);
    this.SUBRULE(this.pattern);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  layerStmt = this.RULE("layerStmt", () => {
    this.CONSUME(T.Layer);
    this.CONSUME(T.Name);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  /** `param cls: f32[1, 1, D] = zeros`: a learnable tensor of the model and its initializer. */
  paramStmt = this.RULE("paramStmt", () => {
    this.CONSUME(T.Param);
    this.CONSUME(T.Name);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.tensorType);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  returnStmt = this.RULE("returnStmt", () => {
    this.CONSUME(T.Return);
    this.SUBRULE(this.expression);
  });

  trainDecl = this.RULE("trainDecl", () => {
    this.CONSUME(T.Train);
    this.CONSUME(T.Name);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.trainItem));
    this.CONSUME(T.RBrace);
  });

  trainItem = this.RULE("trainItem", () => {
    this.OR((this.alternatives[2] ??= [
      { ALT: () => this.SUBRULE(this.dataDecl) },
      { ALT: () => this.SUBRULE(this.instanceDecl) },
      { ALT: () => this.SUBRULE(this.optimizerDecl) },
      { ALT: () => this.SUBRULE(this.epochsDecl) },
      { ALT: () => this.SUBRULE(this.seedDecl) },
      { ALT: () => this.SUBRULE(this.forLoop) },
      { ALT: () => this.SUBRULE(this.evaluateBlock) },
      { ALT: () => this.SUBRULE(this.checkpointDecl) },
      { ALT: () => this.SUBRULE(this.checkpointBestDecl) },
      { ALT: () => this.SUBRULE(this.stopDecl) },
      { ALT: () => this.SUBRULE(this.samplesDecl) },
      { ALT: () => this.SUBRULE(this.initDecl) },
      { ALT: () => this.SUBRULE(this.freezeDecl) },
    ]));
  });

  /**
   * `init net from "runs/pretrain" except head, features.conv2d_0`, `init G from stage4.G` or
   * `init net.encoder_0 from pretrain.ae.encoder_0` (a sub-model from a sub-model).
   */
  initDecl = this.RULE("initDecl", () => {
    this.CONSUME(T.Init);
    this.CONSUME(T.Name, { LABEL: "model" });
    // `init net.encoder_0 from ...`: only the weights under that prefix of the model.
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.CONSUME2(T.Name, { LABEL: "under" });
    });
    this.CONSUME(T.From);
    this.OR((this.alternatives[14] ??= [
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.SUBRULE(this.weightPath, { LABEL: "source" }) },
    ]));
    this.OPTION(() => {
      this.CONSUME(T.Except);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE2(this.weightPath, { LABEL: "except" }) });
    });
  });

  /** `freeze net.features, net.head.bias`. */
  freezeDecl = this.RULE("freezeDecl", () => {
    this.CONSUME(T.Freeze);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.weightPath) });
  });

  /** `net.features.conv2d_0`: a dotted name of weights. */
  weightPath = this.RULE("weightPath", () => {
    this.CONSUME(T.Name);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.CONSUME2(T.Name);
    });
  });

  /** `samples <images>`: what the engine renders as a PNG grid after each epoch. */
  samplesDecl = this.RULE("samplesDecl", () => {
    this.CONSUME(T.Samples);
    this.SUBRULE(this.expression);
  });

  dataDecl = this.RULE("dataDecl", () => {
    this.CONSUME(T.Data);
    this.CONSUME(T.Name);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  instanceDecl = this.RULE("instanceDecl", () => {
    this.CONSUME(T.Model);
    this.CONSUME(T.Name);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  optimizerDecl = this.RULE("optimizerDecl", () => {
    this.CONSUME(T.Optimizer);
    this.CONSUME(T.Name);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  epochsDecl = this.RULE("epochsDecl", () => {
    this.CONSUME(T.Epochs);
    this.SUBRULE(this.expression);
  });

  seedDecl = this.RULE("seedDecl", () => {
    this.CONSUME(T.Seed);
    this.SUBRULE(this.expression);
  });

  pattern = this.RULE("pattern", () => {
    this.OR((this.alternatives[3] ??= [
      { ALT: () => this.CONSUME(T.Name) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME2(T.Name) });
          this.CONSUME(T.RParen);
        },
      },
    ]));
  });

  forLoop = this.RULE("forLoop", () => {
    this.CONSUME(T.For);
    this.SUBRULE(this.pattern);
    this.CONSUME(T.In);
    this.CONSUME(T.Name, { LABEL: "source" });
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.loopStmt));
    this.CONSUME(T.RBrace);
  });

  loopStmt = this.RULE("loopStmt", () => {
    this.OR((this.alternatives[4] ??= [
      { ALT: () => this.SUBRULE(this.letStmt) },
      { ALT: () => this.SUBRULE(this.stepStmt) },
      { ALT: () => this.SUBRULE(this.repeatStmt) },
    ]));
  });

  stepStmt = this.RULE("stepStmt", () => {
    this.CONSUME(T.Step);
    this.CONSUME(T.Name);
    this.CONSUME(T.Minimize);
    this.SUBRULE(this.expression);
  });

  /** `repeat 5 { ... }`; `repeat 5 fresh { ... }` draws the next batch of the loop's data for each iteration after the first. */
  repeatStmt = this.RULE("repeatStmt", () => {
    this.CONSUME(T.Repeat);
    this.SUBRULE(this.expression);
    this.OPTION(() => this.CONSUME(T.Fresh));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.loopStmt));
    this.CONSUME(T.RBrace);
  });

  evaluateBlock = this.RULE("evaluateBlock", () => {
    this.CONSUME(T.Evaluate);
    this.SUBRULE(this.pattern);
    this.CONSUME(T.In);
    this.CONSUME(T.Name, { LABEL: "source" });
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR((this.alternatives[15] ??= [
        { ALT: () => this.SUBRULE(this.metricDecl) },
        { ALT: () => this.SUBRULE(this.letStmt) },
      ])),
    );
    this.CONSUME(T.RBrace);
  });

  metricDecl = this.RULE("metricDecl", () => {
    this.CONSUME(T.Metric);
    this.CONSUME(T.Name);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  checkpointDecl = this.RULE("checkpointDecl", () => {
    this.CONSUME(T.Checkpoint);
    this.CONSUME(T.Every);
    this.SUBRULE(this.expression);
    // `epoch`, `epochs`, `step` or `steps`: any name here (soft keywords included); the checker validates it.
    this.CONSUME(T.Name, { LABEL: "unit" });
  });

  /** `checkpoint best max accuracy`: keep the checkpoint with the best value of a metric. */
  checkpointBestDecl = this.RULE("checkpointBestDecl", () => {
    this.CONSUME(T.Checkpoint);
    this.CONSUME(T.Best);
    // `min` or `max` (any name here; the checker validates it), then the metric's name.
    this.CONSUME(T.Name, { LABEL: "mode" });
    this.CONSUME2(T.Name, { LABEL: "metric" });
  });

  /** `stop early min loss patience 3`: stop when a metric has not improved for that many epochs. */
  stopDecl = this.RULE("stopDecl", () => {
    this.CONSUME(T.Stop);
    this.CONSUME(T.Early);
    this.CONSUME(T.Name, { LABEL: "mode" });
    this.CONSUME2(T.Name, { LABEL: "metric" });
    this.CONSUME(T.Patience);
    this.SUBRULE(this.expression);
  });

  // Expressions, lowest precedence first. A pipeline stage is a postfix expression (a call, a
  // name, a repeat block), so `a + b |> relu` reads as `(a + b) |> relu`.
  expression = this.RULE("expression", () => {
    this.SUBRULE(this.orExpr);
    this.MANY(() => {
      this.CONSUME(T.Pipe);
      this.SUBRULE(this.postfixExpr, { LABEL: "stages" });
    });
  });

  orExpr = this.RULE("orExpr", () => {
    this.SUBRULE(this.andExpr, { LABEL: "operands" });
    this.MANY(() => {
      this.CONSUME(T.OrOr, { LABEL: "operators" });
      this.SUBRULE2(this.andExpr, { LABEL: "operands" });
    });
  });

  andExpr = this.RULE("andExpr", () => {
    this.SUBRULE(this.compareExpr, { LABEL: "operands" });
    this.MANY(() => {
      this.CONSUME(T.AndAnd, { LABEL: "operators" });
      this.SUBRULE2(this.compareExpr, { LABEL: "operands" });
    });
  });

  compareExpr = this.RULE("compareExpr", () => {
    this.SUBRULE(this.addExpr, { LABEL: "operands" });
    this.OPTION(() => {
      this.OR((this.alternatives[5] ??= [
        { ALT: () => this.CONSUME(T.EqEq, { LABEL: "operators" }) },
        { ALT: () => this.CONSUME(T.NotEq, { LABEL: "operators" }) },
        { ALT: () => this.CONSUME(T.LessEq, { LABEL: "operators" }) },
        { ALT: () => this.CONSUME(T.GreaterEq, { LABEL: "operators" }) },
        { ALT: () => this.CONSUME(T.Less, { LABEL: "operators" }) },
        { ALT: () => this.CONSUME(T.Greater, { LABEL: "operators" }) },
      ]));
      this.SUBRULE2(this.addExpr, { LABEL: "operands" });
    });
  });

  addExpr = this.RULE("addExpr", () => {
    this.SUBRULE(this.mulExpr, { LABEL: "operands" });
    this.MANY(() => {
      this.OR((this.alternatives[6] ??= [
        { ALT: () => this.CONSUME(T.Plus, { LABEL: "operators" }) },
        { ALT: () => this.CONSUME(T.Minus, { LABEL: "operators" }) },
      ]));
      this.SUBRULE2(this.mulExpr, { LABEL: "operands" });
    });
  });

  mulExpr = this.RULE("mulExpr", () => {
    this.SUBRULE(this.unaryExpr, { LABEL: "operands" });
    this.MANY(() => {
      this.OR((this.alternatives[7] ??= [
        { ALT: () => this.CONSUME(T.Star, { LABEL: "operators" }) },
        { ALT: () => this.CONSUME(T.Slash, { LABEL: "operators" }) },
        { ALT: () => this.CONSUME(T.Percent, { LABEL: "operators" }) },
      ]));
      this.SUBRULE2(this.unaryExpr, { LABEL: "operands" });
    });
  });

  unaryExpr = this.RULE("unaryExpr", () => {
    this.OR((this.alternatives[8] ??= [
      {
        ALT: () => {
          this.OR2([
            { ALT: () => this.CONSUME(T.Minus, { LABEL: "operator" }) },
            { ALT: () => this.CONSUME(T.Bang, { LABEL: "operator" }) },
          ]);
          this.SUBRULE(this.unaryExpr);
        },
      },
      { ALT: () => this.SUBRULE(this.postfixExpr) },
    ]));
  });

  postfixExpr = this.RULE("postfixExpr", () => {
    this.SUBRULE(this.primary);
    this.MANY(() => {
      this.OR((this.alternatives[9] ??= [
        { ALT: () => this.SUBRULE(this.callSuffix) },
        { ALT: () => this.SUBRULE(this.indexSuffix) },
        {
          ALT: () => {
            this.CONSUME(T.Dot);
            // `.field` of a data set, `.0` of a tuple.
            this.OR2((this.alternatives[12] ??= [
              { ALT: () => this.CONSUME(T.Name, { LABEL: "member" }) },
              { ALT: () => this.CONSUME(T.IntLiteral, { LABEL: "member" }) },
              // `t.0.1` lexes its `0.1` as a float: two items, split when the tree is built.
              { ALT: () => this.CONSUME(T.FloatLiteral, { LABEL: "member" }) },
            ]));
          },
        },
      ]));
    });
  });

  /** `[0]`, `[:, 1:3]`, `[..., :C/2]`: indexing and slicing a tensor. */
  indexSuffix = this.RULE("indexSuffix", () => {
    this.CONSUME(T.LBracket);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.indexItem) });
    this.CONSUME(T.RBracket);
  });

  /** `i`, `a:b` with either end optional, `a:b:s` with a step (`::2`), or `...` (every axis not named). */
  indexItem = this.RULE("indexItem", () => {
    this.OR((this.alternatives[13] ??= [
      { ALT: () => this.CONSUME(T.Ellipsis) },
      {
        ALT: () => {
          this.CONSUME(T.Colon, { LABEL: "colon" });
          this.OPTION(() => this.SUBRULE(this.addExpr, { LABEL: "end" }));
          this.OPTION4(() => {
            this.CONSUME3(T.Colon, { LABEL: "stepColon" });
            this.OPTION5(() => this.SUBRULE4(this.addExpr, { LABEL: "step" }));
          });
        },
      },
      {
        ALT: () => {
          this.SUBRULE2(this.addExpr, { LABEL: "start" });
          this.OPTION2(() => {
            this.CONSUME2(T.Colon, { LABEL: "colon" });
            this.OPTION3(() => this.SUBRULE3(this.addExpr, { LABEL: "end" }));
            this.OPTION6(() => {
              this.CONSUME4(T.Colon, { LABEL: "stepColon" });
              this.OPTION7(() => this.SUBRULE5(this.addExpr, { LABEL: "step" }));
            });
          });
        },
      },
    ]));
  });

  callSuffix = this.RULE("callSuffix", () => {
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.argument) });
    this.CONSUME(T.RParen);
  });

  argument = this.RULE("argument", () => {
    this.OPTION({
      GATE: () => this.LA(2).tokenType === T.Equals,
      DEF: () => {
        this.CONSUME(T.Name, { LABEL: "name" });
        this.CONSUME(T.Equals);
      },
    });
    this.SUBRULE(this.expression);
  });

  primary = this.RULE("primary", () => {
    this.OR((this.alternatives[10] ??= [
      { ALT: () => this.CONSUME(T.FloatLiteral) },
      { ALT: () => this.CONSUME(T.IntLiteral) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.CONSUME(T.Name) },
      { ALT: () => this.SUBRULE(this.parenExpr) },
      { ALT: () => this.SUBRULE(this.listExpr) },
      { ALT: () => this.SUBRULE(this.ifExpr) },
      { ALT: () => this.SUBRULE(this.repeatExpr) },
    ]));
  });

  parenExpr = this.RULE("parenExpr", () => {
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expression) });
    this.CONSUME(T.RParen);
  });

  listExpr = this.RULE("listExpr", () => {
    this.CONSUME(T.LBracket);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expression) });
    this.CONSUME(T.RBracket);
  });

  ifExpr = this.RULE("ifExpr", () => {
    this.CONSUME(T.If);
    this.SUBRULE(this.expression, { LABEL: "condition" });
    this.CONSUME(T.LBrace);
    this.SUBRULE2(this.expression, { LABEL: "then" });
    this.CONSUME(T.RBrace);
    this.CONSUME(T.Else);
    this.OR((this.alternatives[11] ??= [
      { ALT: () => this.SUBRULE(this.ifExpr, { LABEL: "elseIf" }) },
      {
        ALT: () => {
          this.CONSUME2(T.LBrace);
          this.SUBRULE3(this.expression, { LABEL: "else" });
          this.CONSUME2(T.RBrace);
        },
      },
    ]));
  });

  /** `repeat(n) { stages }` or `repeat(i in a..b) { stages }`: a pipeline stage applied n times. */
  repeatExpr = this.RULE("repeatExpr", () => {
    this.CONSUME(T.Repeat);
    this.CONSUME(T.LParen);
    this.OPTION({
      GATE: () => this.LA(2).tokenType === T.In,
      DEF: () => {
        this.CONSUME(T.Name, { LABEL: "index" });
        this.CONSUME(T.In);
        this.SUBRULE(this.addExpr, { LABEL: "from" });
        this.CONSUME(T.DotDot);
      },
    });
    this.SUBRULE2(this.addExpr, { LABEL: "to" });
    this.CONSUME(T.RParen);
    this.CONSUME(T.LBrace);
    this.SUBRULE(this.postfixExpr, { LABEL: "stages" });
    this.MANY(() => {
      this.CONSUME(T.Pipe);
      this.SUBRULE2(this.postfixExpr, { LABEL: "stages" });
    });
    this.CONSUME(T.RBrace);
  });
}

/** The one parser instance; Chevrotain parsers are reusable by resetting `input`. */
export const dlParser = new DlParser();

/** Grammar rule names, for CST typings and tests. */
export type DlRuleName = keyof DlParser;

export type { CstNode };
