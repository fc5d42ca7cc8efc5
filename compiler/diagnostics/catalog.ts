/**
 * The diagnostics catalog: every message the compiler can produce, with its stable code, in one
 * place (like TypeScript's diagnosticMessages.json). Stages call these builders; no message text
 * is written anywhere else.
 */
import type { Span } from "../../grammar/ast.js";
import type { Diagnostic, Fix, RelatedInfo, Severity } from "./diagnostic.js";

interface Where {
  file: string;
  span: Span;
  related?: RelatedInfo[];
  fix?: Fix;
}

function make(code: string, severity: Severity, message: string, where: Where): Diagnostic {
  const d: Diagnostic = { code, severity, message, file: where.file, span: where.span };
  if (where.related?.length) d.related = where.related;
  if (where.fix) d.fix = where.fix;
  return d;
}

const error = (code: string) => (where: Where, message: string) => make(code, "error", message, where);

/** Attaches a "did you mean" fix: replace the diagnostic's span by the suggested name. */
const suggest = (w: Where, name?: string): Where =>
  name && !w.fix ? { ...w, fix: { title: `Change to '${name}'`, edits: [{ file: w.file, span: w.span, newText: name }] } } : w;

/** Catalog entries: code, severity and message template. */
export const catalog = {
  // DL1xxx: syntax.
  unexpectedCharacter: (w: Where, detail: string) => error("DL1001")(w, detail),
  unexpectedToken: (w: Where, detail: string) => error("DL1002")(w, detail),
  missingToken: (w: Where, detail: string) => error("DL1003")(w, detail),
  /** Nesting or expression depth beyond `limits` (grammar/limits.ts); the rest of the declaration is not read. */
  tooDeep: (w: Where, detail: string) => error("DL1004")(w, detail),
  /** An integer literal beyond 2^53 - 1, or a number literal beyond a double's range. */
  literalOutOfRange: (w: Where, detail: string) => error("DL1005")(w, detail),

  // DL2xxx: names, declarations, imports.
  /** `note`: what DL does instead of a name from another framework (`shuffle`: batch's argument). */
  unknownName: (w: Where, name: string, suggestion?: string, note?: string) =>
    error("DL2001")(suggest(w, suggestion), `unknown name '${name}'` + (suggestion ? `; did you mean '${suggestion}'?` : "") + (note ? ` (${note})` : "")),
  duplicateDeclaration: (w: Where, name: string) => error("DL2002")(w, `'${name}' is already declared in this scope`),
  unknownArgument: (w: Where, callee: string, name: string, known: string[], suggestion?: string, note?: string) =>
    error("DL2003")(
      suggest(w, suggestion),
      `${callee} has no argument '${name}'` +
        (note ? `: ${note}` : "") +
        (suggestion ? `; did you mean '${suggestion}'?` : known.length ? `; its arguments are ${known.join(", ")}` : "; it takes no arguments"),
    ),
  /** `suggestion`: the quoted path of an existing module that is close (the fix replaces the quoted path). */
  importNotFound: (w: Where, path: string, tried: string, suggestion?: string) =>
    error("DL2004")(suggest(w, suggestion), `cannot find module '${path}' (looked for ${tried})` + (suggestion ? `; did you mean ${suggestion}?` : "")),
  importCycle: (w: Where, chain: string[]) => error("DL2005")(w, `import cycle: ${chain.join(" → ")}`),
  notExported: (w: Where, name: string, path: string, declared: string[], suggestion?: string) =>
    error("DL2006")(
      suggest(w, suggestion),
      `module '${path}' declares no '${name}'` +
        (suggestion ? `; did you mean '${suggestion}'?` : declared.length ? `; it declares ${declared.join(", ")}` : "; it declares no models"),
    ),
  unknownType: (w: Where, name: string, known: string[]) => error("DL2007")(w, `unknown type '${name}'; expected one of ${known.join(", ")}`),
  /** An import of a folder, FIFO, device or socket: only regular files are read. */
  importNotRegular: (w: Where, detail: string) => error("DL2010")(w, detail),
  /** An import above `limits.fileBytes`. */
  importTooLarge: (w: Where, detail: string) => error("DL2011")(w, detail),
  unknownUnit: (w: Where, name: string) => error("DL2008")(w, `unknown checkpoint unit '${name}'; expected 'epoch' or 'step'`),

  // DL3xxx: types and shapes.
  rankMismatch: (w: Where, detail: string) => error("DL3001")(w, detail),
  dimensionMismatch: (w: Where, detail: string) => error("DL3002")(w, detail),
  /** `note`: for a positional argument, which parameter its position fills and what was likely meant. */
  wrongArgumentType: (w: Where, callee: string, arg: string, expected: string, got: string, note?: string) =>
    error("DL3003")(w, `argument '${arg}' of ${callee} must be ${expected}, but got ${got}` + (note ? `; ${note}` : "")),
  argumentBelowMinimum: (w: Where, callee: string, arg: string, value: number, rule: string) =>
    error("DL3030")(w, `argument '${arg}' of ${callee} is ${value}, but ${rule}`),
  missingArgument: (w: Where, callee: string, arg: string, type: string) =>
    error("DL3004")(w, `${callee} needs argument '${arg}' (${type})`),
  keywordOnlyArgument: (w: Where, callee: string, arg: string, note?: string) =>
    error("DL3005")(w, `${callee} takes one positional argument here; '${arg}' is named (${callee}(..., ${arg}=...))` + (note ? `; ${note}` : "")),
  tooManyArguments: (w: Where, callee: string, max: number, got: number) =>
    error("DL3005")(
      w,
      max === 0
        ? `${callee} takes no arguments besides its input, but got ${got}`
        : `${callee} takes at most ${max} positional argument${max === 1 ? "" : "s"}, but got ${got}`,
    ),
  reshapeSize: (w: Where, detail: string) => error("DL3006")(w, detail),
  nonIntegerDimension: (w: Where, detail: string) => error("DL3007")(w, detail),
  nonPositiveDimension: (w: Where, detail: string) => error("DL3008")(w, detail),
  expectedTensor: (w: Where, what: string, got: string) => error("DL3010")(w, `${what} must be a tensor, but got ${got}`),
  missingReturn: (w: Where, model: string) => error("DL3011")(w, `model ${model} has no 'return'; add 'return <expression>' as its last statement`),
  /** `note`: why the count is what it is (a tuple counted as its items). */
  wrongInputCount: (w: Where, callee: string, expected: string, got: number, note?: string) =>
    error("DL3012")(w, `${callee} takes ${expected} tensor input${expected === "1" ? "" : "s"}, but got ${got}` + (note ? `: ${note}` : "")),
  invalidArgument: (w: Where, detail: string) => error("DL3013")(w, detail),
  notScalar: (w: Where, what: string, shape: string) => error("DL3014")(w, `${what} must be a scalar, but its shape is ${shape}; reduce it (for example with mean)`),
  sharedLayerShape: (w: Where, name: string, first: string, now: string) =>
    error("DL3015")(w, `layer '${name}' shares its weights, so every use needs the same input features: first used with ${first}, here with ${now}`),
  duplicateArgument: (w: Where, name: string) => error("DL3016")(w, `argument '${name}' is given twice`),
  /** `note`: what DL writes instead of a framework method (`.parameters()`, `.float()`). */
  notCallable: (w: Where, what: string, note?: string) => error("DL3017")(w, `${what} cannot be called or used as a pipeline stage` + (note ? `; DL has no methods: ${note}` : "")),
  typeMismatch: (w: Where, detail: string) => error("DL3019")(w, detail),
  dtypeMismatch: (w: Where, detail: string) => error("DL3020")(w, detail),
  /** A model (the declaration) where the train block needs one of its instances: `adam(mlp)` for `adam(net)`. */
  modelNotInstance: (w: Where, callee: string, model: string, instance?: { name: string; declared: string }) =>
    error("DL3023")(
      suggest(w, instance?.name),
      `${callee} takes model instances, but '${model}' is a model declaration` +
        (instance ? `; did you mean '${instance.name}' (model ${instance.name} = ${instance.declared})?` : `; declare an instance in the train block (model net = ${model}(...)) and pass it`),
    ),
  recursion: (w: Where, chain: string[]) => error("DL3021")(w, `model uses itself: ${chain.join(" → ")}`),
  paramDefaultType: (w: Where, param: string, type: string, got: string, suggestion?: string) =>
    error("DL3022")(w, `parameter '${param}' is declared ${type} but its default is ${got}` + (suggestion ? `; declare it '${param}: ${suggestion}' or change the default` : "")),
  unknownModelArgument: (w: Where, instance: string, name: string, inputs: string, param?: { name: string; model: string }) =>
    error("DL2003")(
      w,
      `model instance '${instance}' has no argument '${name}': it takes only its input tensors (${inputs})` +
        (name === "training"
          ? "; the train block sets training mode itself (on in the loop, off in evaluate)"
          : param
            ? `; did you mean ${param.model}'s parameter '${param.name}'? Parameters are set where the instance is declared: model ${instance} = ${param.model}(${param.name}=...)`
            : ""),
    ),
  /** A repeat count, layer count or size beyond its documented limit (grammar/limits.ts). */
  overLimit: (w: Where, what: string, value: number, limit: number) =>
    error("DL3040")(w, `${what} is ${value}, above the limit of ${limit}`),
  /** The checker's work budget for one document ran out (grammar/limits.ts `checkWork`). */
  workBudget: (w: Where, limit: number) =>
    error("DL3041")(w, `this document needs more than ${limit} pipeline stages to check (repeats unrolled); the checker stops here. Use fewer or smaller repeats`),
  /** Too deep to check (the stack ran out), in a process that had little of it left. */
  checkTooDeep: (w: Where) => error("DL3042")(w, `this declaration is nested too deeply to check here: the stack ran out`),

  // DL4xxx: training blocks.
  notAModel: (w: Where, name: string, got: string) => error("DL4001")(w, `'${name}' must be a model, but it is ${got}`),
  notAnOptimizer: (w: Where, name: string, got: string) => error("DL4002")(w, `'${name}' must be an optimizer, but it is ${got}`),
  notADataset: (w: Where, name: string, got: string) => error("DL4003")(w, `'${name}' must be a data set, but it is ${got}`),
  patternArity: (w: Where, source: string, fields: string[], got: number) =>
    error("DL4004")(w, `data set '${source}' yields ${fields.length} field${fields.length === 1 ? "" : "s"} (${fields.join(", ")}) but the pattern names ${got}`),
  missingEpochs: (w: Where, name: string) => error("DL4005")(w, `train ${name} has no 'epochs'; add for example 'epochs 3'`),
  missingLoop: (w: Where, name: string) => error("DL4006")(w, `train ${name} has no 'for ... in <data> { step ... }' loop`),
  notBatched: (w: Where, name: string) =>
    error("DL4007")(w, `data set '${name}' is not batched; end its pipeline with '|> batch(<size>)'`),
  duplicateItem: (w: Where, what: string) => error("DL4008")(w, `'${what}' is given more than once`),
  /** `elbo(x, dec(z), stats)`: the data stands where the prediction goes, the model's output where the target goes. */
  swappedLossArguments: (w: Where, loss: string, prediction: string, target: string) =>
    error("DL4014")(w, `${loss} takes the prediction first and the target second, but its first argument '${prediction}' uses no model and its second '${target}' does: write ${loss}(${target}, ${prediction}, ...)`),
  stepMissesOptimizer: (w: Where, optimizer: string, models: string[]) =>
    error("DL4009")(
      w,
      `step ${optimizer} minimizes a loss that does not depend on ${models.map((m) => `'${m}'`).join(" or ")}, the model${models.length === 1 ? "" : "s"} ${optimizer} updates; the step would change nothing`,
    ),
  wrongSideOfGame: (w: Where, loss: string, role: string, optimizer: string, model: string, modelRole: string) =>
    error("DL4010")(
      w,
      `${loss} is the ${role}'s loss, but ${optimizer} updates '${model}', the ${modelRole} here: minimizing it would train '${model}' against itself; step the ${role}'s optimizer instead`,
    ),
  composedShape: (w: Where, detail: string) => error("DL4011")(w, detail),
  freshWithoutStep: (w: Where) =>
    error("DL4022")(w, "'repeat ... fresh' draws a batch for each iteration, but its body takes no step: the batches would be skipped unseen; add a step or drop 'fresh'"),
  notTwiceDifferentiable: (w: Where, penalty: string, critic: string, op: string, reason: string) =>
    error("DL4017")(
      w,
      `${penalty} differentiates the critic '${critic}' twice (the gradient of its input gradient), but '${critic}' uses ${op}, which is not twice differentiable: ${reason}`,
    ),
  cycleShape: (w: Where, detail: string) => error("DL4012")(w, detail),
  sharedModel: (w: Where, model: string, first: string, second: string) =>
    error("DL4013")(
      w,
      `model '${model}' is updated by both '${first}' and '${second}'; each optimizer must own its models (or, through parameter groups, parts of them that share no weight), so the other optimizer's steps leave them frozen`,
    ),
  notGeneratable: (w: Where, name: string, why: string) =>
    error("DL4018")(
      w,
      `model '${name}' cannot be generated for the shapes it is applied to here: ${why}; a layer's sizes must be constants (the batch size B is known only at run time, so an axis that holds B cannot size a layer)`,
    ),
  openInstanceSize: (w: Where, name: string, open: string) =>
    error("DL4016")(
      w,
      `model '${name}' leaves the size ${open} open, and nothing in this train block applies '${name}' to data that would fix it; apply it in the loop, or give the size as a parameter`,
    ),
  samplesShape: (w: Where, got: string) =>
    error("DL4015")(w, `samples must be images [N, H, W, C] with C = 1 or 3, but got ${got}; reshape them, e.g. '|> reshape([28, 28, 1])'`),
  wholeSetMisused: (w: Where, name: string) =>
    error("DL4021")(
      w,
      `${name} is counted over the whole evaluation set (from confusion counts summed over every batch, not a mean of batch values), so it can only be the whole value of a metric in an evaluate block, as in 'metric ${name === "confusion_matrix" ? "cm" : name} = ${name}(net(x), y)'; it cannot enter arithmetic, a let, a step or a model`,
    ),
  unknownMode: (w: Where, what: string, got: string) =>
    error("DL4101")(w, `${what} needs 'min' or 'max' before the metric (is a smaller or a larger value better?), but got '${got}'`),
  unknownMonitoredMetric: (w: Where, what: string, name: string, known: string[], suggestion?: string) =>
    error("DL4102")(
      suggest(w, suggestion),
      known.length
        ? `${what} watches '${name}', which no evaluation metric is named; ` +
            (suggestion ? `did you mean '${suggestion}'? ` : "") +
            `the metrics are ${known.join(", ")}`
        : `${what} watches '${name}', but train has no evaluate block; add one with 'metric ${name} = ...'`,
    ),

  unwatchableMetric: (w: Where, what: string, name: string) =>
    error("DL4103")(w, `${what} watches '${name}', a confusion matrix: a table written to the run folder, not a number that can be better or worse; watch a number such as f1, recall or accuracy`),

  // DL42xx: weights that move between models (`init ... from ... except ...`, `freeze ...`).
  unknownTrainSource: (w: Where, name: string, known: string[], suggestion?: string) =>
    error("DL4201")(
      suggest(w, suggestion),
      `init takes weights from a run folder ("runs/name") or a train block of this file, but no train block is named '${name}'` +
        (suggestion ? `; did you mean '${suggestion}'?` : known.length ? `; the train blocks are ${known.join(", ")}` : ""),
    ),
  unknownSourceModel: (w: Where, train: string, model: string, known: string[], suggestion?: string) =>
    error("DL4202")(
      suggest(w, suggestion),
      `train ${train} has no model '${model}'` + (suggestion ? `; did you mean '${suggestion}'?` : `; its models are ${known.join(", ") || "none"}`),
    ),
  /** Weights of both sides whose shapes differ; `lines` name each parameter and both shapes. */
  weightShapes: (w: Where, model: string, source: string, lines: string[], except: string) =>
    error("DL4203")(w, `'${model}' cannot start from ${source}: ${lines.join("; ")}; add 'except ${except}' to keep ${lines.length === 1 ? "it" : "them"} freshly initialised`),
  /** Weights of the model that the source lacks. */
  weightsMissing: (w: Where, model: string, source: string, lines: string[], except: string) =>
    error("DL4204")(w, `'${model}' cannot start from ${source}: it lacks ${lines.join(", ")}; add 'except ${except}' to keep ${lines.length === 1 ? "it" : "them"} freshly initialised`),
  /** Weights the source has and the model lacks: not loaded. */
  weightsExtra: (w: Where, model: string, source: string, lines: string[], except: string) =>
    make("DL4205", "warning", `${source} has ${lines.join(", ")}, which '${model}' lacks: not loaded; add 'except ${except}' to say so`, w),
  unknownWeightPath: (w: Where, what: string, path: string, model: string, known: string[], suggestion?: string) =>
    error("DL4206")(
      suggest(w, suggestion),
      `${what} '${path}' names no weights of '${model}'` +
        (suggestion ? `; did you mean '${suggestion}'?` : known.length ? `; its layers are ${known.slice(0, 12).join(", ")}${known.length > 12 ? ", …" : ""}` : "; it has no weights"),
    ),
  initCycle: (w: Where, chain: string[]) =>
    error("DL4207")(w, `init goes round in a circle: ${chain.join(" starts from ")}; a train block can only start from one that trains before it`),
  unreadableCheckpoint: (w: Where, file: string, expected: string, found: string) =>
    error("DL4208")(w, `${file}: expected ${expected}, found ${found}`),
  /** `init net from "runs/pretrian"`: no such folder, while one of a near name (or a train block of that name) exists. */
  missingRunFolder: (w: Where, path: string, suggestion: string, note: string) =>
    make("DL4212", "warning", `there is no folder '${path}' (yet), so this init fails when the run starts unless something writes it first; did you mean ${suggestion}? (${note})`, w),
  allFrozen: (w: Where, optimizer: string, models: string[]) =>
    make(
      "DL4209",
      "warning",
      `every parameter that '${optimizer}' updates (of ${models.map((m) => `'${m}'`).join(", ")}) is frozen: its steps change nothing; unfreeze a layer or remove the optimizer`,
      w,
    ),
  groupOverlap: (w: Where, optimizer: string, weight: string, first: string, second: string) =>
    error("DL4210")(w, `'${weight}' is in two parameter groups of '${optimizer}', ${first} and ${second}: a weight may be in one group only (as in PyTorch); name the parts apart`),
  notGroupable: (w: Where, callee: string, got: string) =>
    error("DL4211")(w, `${callee} takes model instances or their weights by path (net, net.body_0, group(net.head, lr=1e-3)), but got ${got}`),

  // DL9xxx: the compiler itself.
  internalError: (w: Where, detail: string) =>
    error("DL9001")(w, `internal compiler error: ${detail}. This is a bug in dl, not in your program; please report it with this file.`),
};

/** Warnings share the catalog but differ in severity. */
export const warnings = {
  freshUnread: (w: Where, names: string[]) =>
    make(
      "DL4023",
      "warning",
      `'repeat ... fresh' draws the next batch for each iteration, but its body never reads the batch (${names.map((n) => `'${n}'`).join(", ")}): those batches are skipped unseen (the epoch ends sooner); read the batch or drop 'fresh'`,
      w,
    ),
  doubleNormalization: (w: Where, loss: string, producer: string) =>
    make(
      "DL3101",
      "warning",
      producer === "softmax"
        ? `${loss} applies softmax itself, but its input already ends in softmax: the result is softmax twice, which flattens the gradients and trains slowly; remove the softmax and give ${loss} the logits`
        : `${loss} takes logits, but its input ends in ${producer}: remove the ${producer} and give ${loss} the logits`,
      w,
    ),
  notProbabilities: (w: Where, loss: string, producer: string) =>
    make(
      "DL3102",
      "warning",
      `${loss} takes probabilities in [0, 1], but its input comes straight from ${producer}, whose values are not bounded to [0, 1]: use bce_with_logits on these logits (or end with sigmoid)`,
      w,
    ),
  /** An image input declared channels-first (PyTorch's NCHW), where DL's layers read NHWC. */
  channelsFirst: (w: Where, input: string, declared: string, nhwc: string) =>
    make(
      "DL3103",
      "warning",
      `input ${input}: f32${declared} looks channels-first (PyTorch's [N, C, H, W]); DL's image layers and data sets are channels-last, [B, H, W, C]: declare it f32${nhwc}`,
      w,
    ),
  /** A train step whose static memory estimate is over what the default backend (wasm) can address. */
  stepMemory: (w: Where, train: string, estimate: string, limit: string, advice: string) =>
    make(
      "DL4301",
      "warning",
      `one training step of '${train}' needs about ${estimate}, more than the ${limit} the wasm backend (the default without a GPU backend) can address; ${advice}`,
      w,
    ),
  /** An evaluate block over a data set with a random augmentation: its metrics would vary with the draws. */
  augmentedEvaluation: (w: Where, data: string, op: string) =>
    make(
      "DL4019",
      "warning",
      `evaluate reads '${data}', which ${op} augments with fresh random draws every batch: its metrics measure augmented examples and vary with the seed; augment only the training set and evaluate on a set without ${op}${op === "random_crop" ? " (center_crop(size) is the deterministic crop)" : ""}`,
      w,
    ),
  criticSigmoid: (w: Where, loss: string, critic: string) =>
    make(
      "DL4014",
      "warning",
      `${loss} needs a Wasserstein critic, but '${critic}' ends in a sigmoid: a critic's score is unbounded (end it with a linear layer); a sigmoid turns the distance estimate into a saturating probability`,
      w,
    ),
};
