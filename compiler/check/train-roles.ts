/**
 * Checks of a train block that need to know which model plays which part: each optimizer owns
 * its models (no model in two optimizers) and each step's loss reaches them; a discriminator's
 * loss never updates the generator and a generator's loss never updates the discriminator; one
 * model's output fits the next model's input (a generator's images and its discriminator, an
 * encoder's latent code and its decoder); a Wasserstein critic does not end in a sigmoid.
 *
 * The analysis is syntactic over the loop's expressions: a `let` is followed to its definition,
 * and a model instance is "used" by a loss when its name appears in it (as a call, a pipeline
 * stage, or a `model` argument such as the gradient penalty's critic).
 */
import type * as A from "../../grammar/ast.js";
import { catalog, warnings } from "../diagnostics/catalog.js";
import { lossRoles, wassersteinLosses } from "../layers/losses/generative.js";
import * as D from "../shapes/dim.js";
import type { Compilation, ModelInstance } from "./compilation.js";
import type { Env } from "./evaluator.js";
import type { Applied, Frame } from "./frame.js";
import { registry } from "../layers/index.js";

export class RoleChecker {
  /** Spans of instance calls already reported here, so the input check does not repeat them. */
  readonly reported = new Set<string>();
  /** Per model, the optimizers that update it and the weight paths each takes ("" all of them). */
  private readonly owners = new Map<string, { optimizer: string; paths: string[] }[]>();
  private readonly warned = new Set<string>();
  /** Models two optimizers update (reported): which side of a game they are on is that same mistake. */
  private readonly shared = new Set<string>();

  constructor(
    private readonly comp: Compilation,
    private readonly instances: ReadonlyMap<string, ModelInstance>,
    private readonly file?: string,
  ) {}

  /** An optimizer's models: none may already belong to another optimizer. */
  /**
   * `optimizer <name> = ...` over `models`; with parameter groups, `groups` says which weights of
   * each it takes. Two optimizers may share a model only through groups that share no weight
   * (`sgd(net.body_0)` and `adam(net.head)`).
   */
  optimizer(name: string, models: string[], span: A.Span, groups?: { model: string; path: string }[]): void {
    const r = this.comp.reporter;
    const overlap = (a: string, b: string) => a === "" || b === "" || a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
    for (const m of models) {
      const paths = groups ? groups.filter((g) => g.model === m).map((g) => g.path) : [""];
      const owners = this.owners.get(m) ?? [];
      const clash = owners.find((o) => o.optimizer !== name && o.paths.some((p) => paths.some((q) => overlap(p, q))));
      if (clash) {
        r.report(catalog.sharedModel(r.at(span), m, clash.optimizer, name));
        this.shared.add(m);
      }
      else this.owners.set(m, [...owners, { optimizer: name, paths }]);
    }
  }

  /** `step <optimizer> minimize <loss>`, checked before the loss is evaluated. */
  step(optimizer: string, models: string[], loss: A.Expr, env: Env): void {
    const r = this.comp.reporter;
    const used = this.modelsIn(loss, env);
    // A model declaration called in the loss is its own error (a train block applies instances).
    if (models.length && !models.some((m) => used.has(m)) && !this.callsDeclaration(loss, env)) {
      r.report(catalog.stepMissesOptimizer(r.at(loss.span), optimizer, models));
      return;
    }
    this.visitCalls(loss, env, (call, callEnv) => {
      const callee = call.callee.kind === "Name" ? call.callee.name : undefined;
      if (callee === undefined) return;
      const bound = callEnv.get(callee);
      if (bound?.t === "callable" && bound.callable.c === "instance") {
        this.composition(call, bound.callable.name, callEnv);
        return;
      }
      if (bound) return;
      // A reconstruction or regression loss given (data, model output): the arguments swapped.
      if (predictionFirst.has(callee) && call.args.length >= 2 && !call.args[0]!.name && !call.args[1]!.name) {
        const [p, t] = call.args as [A.Argument, A.Argument];
        if (this.modelsIn(p.value, callEnv).size === 0 && this.modelsIn(t.value, callEnv).size > 0 && !this.callsDeclaration(p.value, callEnv)) {
          const text = (e: A.Expr) => (this.file === undefined ? undefined : this.comp.text(this.file).slice(e.span.start, e.span.end));
          if (text(p.value) !== undefined && text(t.value) !== undefined) r.report(catalog.swappedLossArguments(r.at(call.span), callee, text(p.value)!, text(t.value)!));
          return;
        }
      }
      const role = lossRoles.get(callee);
      if (!role) return;
      const critics = new Set<string>();
      const generators = new Set<string>();
      const instanceArg = (a: A.Argument) => {
        const v = a.value.kind === "Name" ? callEnv.get(a.value.name) : undefined;
        return v?.t === "callable" && v.callable.c === "instance" ? v.callable.name : undefined;
      };
      // gradient_penalty(D, x, G(z)) names its critic; otherwise each score's last model is one.
      const named = call.args.map(instanceArg).filter((m): m is string => m !== undefined);
      for (const a of call.args) {
        if (instanceArg(a)) continue;
        const outer = named.length ? undefined : this.outermost(a.value, callEnv);
        if (outer) critics.add(outer);
        for (const m of this.modelsIn(a.value, callEnv)) if (m !== outer) generators.add(m);
      }
      for (const m of named) critics.add(m);
      // A loss that takes a model differentiates it twice (gradient_penalty's critic).
      if (registry.get(callee)?.args.some((a) => a.type === "model")) for (const m of named) this.secondOrder(call, callee, m);
      for (const c of critics) generators.delete(c);
      for (const m of models) {
        if (this.shared.has(m)) continue;
        if (role === "discriminator" && generators.has(m)) r.report(catalog.wrongSideOfGame(r.at(call.span), callee, "discriminator", optimizer, m, "generator"));
        if (role === "generator" && critics.has(m)) r.report(catalog.wrongSideOfGame(r.at(call.span), callee, "generator", optimizer, m, "discriminator"));
      }
      if (wassersteinLosses.has(callee)) {
        for (const c of critics) {
          const instance = this.instances.get(c);
          const key = `${callee}:${c}`;
          if (instance && !this.warned.has(key) && endsInSigmoid(instance.model.decl)) {
            this.warned.add(key);
            r.report(warnings.criticSigmoid(r.at(call.span), callee, c));
          }
        }
      }
    });
  }

  /**
   * A penalty's critic must be twice differentiable: the first entry it applies (in its own body
   * or a sub-model's) that says otherwise is an error at the penalty, with the entry's place.
   */
  private secondOrder(call: A.CallExpr, penalty: string, critic: string): void {
    const instance = this.instances.get(critic);
    const key = `second-order:${penalty}:${critic}`;
    if (!instance || this.warned.has(key)) return;
    const seen = new Set<Frame>();
    const find = (f: Frame): Applied | undefined => {
      if (seen.has(f)) return undefined;
      seen.add(f);
      return f.applied.find((a) => a.entry.twiceDifferentiable !== true) ?? f.children.map(find).find((a) => a !== undefined);
    };
    const bad = find(instance.frame);
    if (!bad) return;
    this.warned.add(key);
    const r = this.comp.reporter;
    const reason = bad.entry.twiceDifferentiable as string;
    r.report(catalog.notTwiceDifferentiable(r.at(call.span, [{ file: bad.file, span: bad.span, message: `${bad.entry.name} is applied here` }]), penalty, critic, bad.entry.name, reason));
  }

  /** `consumer(arg)` where `arg` is another model's output: the shapes must meet. */
  private composition(call: A.CallExpr, consumer: string, env: Env): void {
    const positional = call.args.filter((a) => !a.name);
    if (positional.length !== 1) return;
    const producer = this.producer(positional[0]!.value, env);
    const target = this.instances.get(consumer);
    const source = producer && this.instances.get(producer.name);
    if (!producer || !target || !source || target.inputs.length !== 1) return;
    const out = source.output.t === "tuple" && producer.latent ? source.output.items[0] : source.output;
    if (out?.t !== "tensor") return;
    const want = target.inputs[0]!;
    const key = `${call.span.start}:${call.span.end}`;
    let detail: string;
    if (out.shape.length !== want.shape.length) detail = `rank ${out.shape.length} against rank ${want.shape.length}`;
    else {
      const axis = want.shape.findIndex((d, i) => i > 0 && D.definitelyDifferent(d, out.shape[i]!));
      if (axis < 0) return;
      detail = `axis ${axis} is ${D.format(out.shape[axis]!)}, expected ${D.format(want.shape[axis]!)}`;
    }
    this.reported.add(key);
    const r = this.comp.reporter;
    const produces = `'${producer.name}' produces ${producer.latent ? "latent codes " : ""}${D.formatShape(out.shape)}`;
    const takes = `'${consumer}' takes ${want.name}: ${want.dtype}${D.formatShape(want.shape)}`;
    const what = producer.latent
      ? "the encoder's latent code must match the decoder's input"
      : "one model's output must match the input of the model it feeds (a generator's images and its discriminator, an encoder's code and its decoder)";
    r.report(catalog.composedShape(r.at(call.span), `${takes} but ${produces}: ${detail}; ${what}`));
  }

  /** The model whose output `e` is directly (through lets, pipelines and `reparameterize`). */
  private producer(e: A.Expr, env: Env, latent = false): { name: string; latent: boolean } | undefined {
    if (e.kind === "Name") {
      const v = env.get(e.name);
      return v?.t === "lazy" ? this.producer(v.expr, v.env as Env, latent) : undefined;
    }
    if (e.kind === "Pipe") {
      const last = e.stages.at(-1)!;
      const name = last.kind === "Name" ? last.name : last.kind === "Call" && last.callee.kind === "Name" ? last.callee.name : undefined;
      const v = name === undefined ? undefined : env.get(name);
      return v?.t === "callable" && v.callable.c === "instance" ? { name: v.callable.name, latent } : undefined;
    }
    if (e.kind !== "Call" || e.callee.kind !== "Name") return undefined;
    const v = env.get(e.callee.name);
    if (v?.t === "callable" && v.callable.c === "instance") return { name: v.callable.name, latent };
    if (!v && e.callee.name === "reparameterize" && e.args.length === 1) return this.producer(e.args[0]!.value, env, true);
    return undefined;
  }

  /** The model applied last in `e` (the critic of `D(G(z))`, also under `sigmoid(...)`). */
  private outermost(e: A.Expr, env: Env): string | undefined {
    switch (e.kind) {
      case "Name": {
        const v = env.get(e.name);
        return v?.t === "lazy" ? this.outermost(v.expr, v.env as Env) : undefined;
      }
      case "Pipe": {
        for (const stage of [...e.stages].reverse()) {
          const name = stage.kind === "Name" ? stage.name : stage.kind === "Call" && stage.callee.kind === "Name" ? stage.callee.name : undefined;
          const v = name === undefined ? undefined : env.get(name);
          if (v?.t === "callable" && v.callable.c === "instance") return v.callable.name;
        }
        return this.outermost(e.input, env);
      }
      case "Call": {
        const v = e.callee.kind === "Name" ? env.get(e.callee.name) : undefined;
        if (v?.t === "callable" && v.callable.c === "instance") return v.callable.name;
        const first = e.args.find((a) => !a.name);
        return first ? this.outermost(first.value, env) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** Names of the model instances `e` uses, through lets. */
  modelsIn(e: A.Expr, env: Env, out = new Set<string>(), seen = new Set<A.Expr>()): Set<string> {
    if (seen.has(e)) return out;
    seen.add(e);
    forEachNode(e, (n) => {
      if (n.kind !== "Name") return;
      const v = env.get(n.name);
      if (v?.t === "lazy") this.modelsIn(v.expr, v.env as Env, out, seen);
      else if (v?.t === "callable" && v.callable.c === "instance") out.add(v.callable.name);
    });
    return out;
  }

  /** Whether `e` (or a let it uses) calls a model declaration by name rather than an instance. */
  private callsDeclaration(e: A.Expr, env: Env): boolean {
    let found = false;
    this.visitCalls(e, env, (call, callEnv) => {
      if (call.callee.kind === "Name" && !callEnv.get(call.callee.name) && this.file && this.comp.global(this.file, call.callee.name)?.kind === "model") found = true;
    });
    return found;
  }

  /** Calls `f` on every call in `e` and in the lets it uses, with the environment each is in. */
  private visitCalls(e: A.Expr, env: Env, f: (call: A.CallExpr, env: Env) => void, seen = new Set<A.Expr>()): void {
    if (seen.has(e)) return;
    seen.add(e);
    forEachNode(e, (n) => {
      if (n.kind === "Call") f(n, env);
      else if (n.kind === "Name") {
        const v = env.get(n.name);
        if (v?.t === "lazy") this.visitCalls(v.expr, v.env as Env, f, seen);
      }
    });
  }
}

/**
 * Losses of (prediction, target) that are not symmetric in them (mse is, so `mse(y, net(x))` is
 * fine): the prediction is a model's output and the target data.
 */
const predictionFirst = new Set(["elbo", "bce", "bce_with_logits"]);

/** Visits `e` and its sub-expressions. */
function forEachNode(e: A.Expr, f: (e: A.Expr) => void): void {
  f(e);
  const each = (xs: A.Expr[]) => xs.forEach((x) => forEachNode(x, f));
  switch (e.kind) {
    case "Call":
      return each([e.callee, ...e.args.map((a) => a.value)]);
    case "Pipe":
      return each([e.input, ...e.stages]);
    case "Binary":
      return each([e.left, e.right]);
    case "Unary":
      return each([e.operand]);
    case "Tuple":
    case "List":
      return each(e.items);
    case "If":
      return each([e.condition, e.then, e.else]);
    case "Member":
      return each([e.object]);
    case "Index":
      return each([e.object, ...e.items.flatMap((i) => [i.start, i.end, i.step].filter((x): x is A.Expr => x !== undefined))]);
    case "Repeat":
      return each(e.stages);
    default:
      return;
  }
}

/** Whether a model's returned value ends in `sigmoid` (as a last pipeline stage or a call). */
export function endsInSigmoid(decl: A.ModelDecl): boolean {
  const lets = new Map<string, A.Expr>();
  let result: A.Expr | undefined;
  for (const st of decl.body) {
    if (st.kind === "LetStmt" && st.name) lets.set(st.name.name, st.value);
    if (st.kind === "ReturnStmt") result = st.value;
  }
  const seen = new Set<string>();
  const last = (e: A.Expr | undefined): boolean => {
    if (!e) return false;
    if (e.kind === "Pipe") return last(e.stages.at(-1));
    if (e.kind === "Name") {
      if (e.name === "sigmoid") return true;
      if (seen.has(e.name)) return false;
      seen.add(e.name);
      return last(lets.get(e.name));
    }
    return e.kind === "Call" && e.callee.kind === "Name" && e.callee.name === "sigmoid";
  };
  return last(result);
}
