/**
 * Losses of the lecture's generative models as language built-ins: the VAE's ELBO and its
 * reparameterization, the sparse autoencoder's KL penalty, adversarial losses (minimax GAN,
 * least squares, Wasserstein, gradient penalty) and CycleGAN's cycle and identity terms. Each
 * entry also names its role in a GAN step (`lossRoles`), which the train checker uses to prove
 * that a discriminator loss never trains the generator and the other way round.
 */
import { definitelyDifferent, formatShape } from "../../shapes/dim.js";
import type { ArgSpec, RegistryEntry, ShapeContext, ShapeProblem, TensorShape } from "../../registry/types.js";
import { arg, lit } from "../helpers.js";
import { reflectionPad } from "../reshape/reflection-pad.js";

/** Which side of an adversarial game minimizes a loss (used by the train checker). */
export type LossRole = "discriminator" | "generator";

const scalar: TensorShape = { shape: [], dtype: "f32" };

/** Two tensors of one shape; `what` names them in the message. */
function sameShape(ctx: ShapeContext, a: TensorShape, b: TensorShape, what: [string, string], problem: ShapeProblem = "dimensionMismatch"): boolean {
  const differ = a.shape.length !== b.shape.length || a.shape.some((d, i) => definitelyDifferent(d, b.shape[i]!));
  if (!differ) return true;
  ctx.fail(a.shape.length !== b.shape.length && problem === "dimensionMismatch" ? "rankMismatch" : problem, `${ctx.site}: ${what[0]} ${formatShape(a.shape)} and ${what[1]} ${formatShape(b.shape)} must have the same shape`);
  return false;
}

function entry(name: string, doc: string, inputs: number, args: ArgSpec[], runtime: string, check: (ctx: ShapeContext) => boolean, extra: (ctx: { args: Record<string, unknown>; rng: string }) => string[] = () => []): RegistryEntry {
  return {
    kind: "loss",
    twiceDifferentiable: true,
    name,
    category: "losses",
    doc,
    args,
    inputs: { min: inputs, max: inputs },
    shape: (ctx) => (check(ctx) ? scalar : undefined),
    apply: (ctx, xs) => `${runtime}(${[...xs, ...extra(ctx)].join(", ")})`,
  };
}

const weightArg = (d: string, doc: string): ArgSpec => ({ name: "weight", type: "float", default: d, doc });

export const elbo = entry(
  "elbo",
  "Negative evidence lower bound of a VAE with a Bernoulli decoder, in nats per example (pytorch/examples' loss): " +
    "`L = Σ BCE(x̂, x) + KL(N(μ, σ²) ‖ N(0, 1))`, `KL = −½ Σ (1 + log σ² − μ² − σ²)`, summed over pixels and latent units, " +
    "averaged over the batch. Inputs: reconstruction (probabilities), data, `μ`, `log σ²`; a tuple input such as an encoder's " +
    "`(mu, logvar)` counts as its items: `elbo(dec(z), x, enc(x))`.",
  4,
  [],
  "dl.losses.elbo",
  (ctx) => {
    const [recon, x, mu, logvar] = ctx.inputs as [TensorShape, TensorShape, TensorShape, TensorShape];
    return sameShape(ctx, recon, x, ["the reconstruction", "the data"]) && sameShape(ctx, mu, logvar, ["μ", "log σ²"]);
  },
);

export const klNormal = entry(
  "kl_normal",
  "KL divergence of the encoder's Gaussian from the standard normal prior, summed over latent units and averaged over the batch: " +
    "`KL(N(μ, σ²) ‖ N(0, 1)) = −½ Σ (1 + log σ² − μ² − σ²)`. The regularization term of the ELBO.",
  2,
  [],
  "dl.losses.klNormal",
  (ctx) => sameShape(ctx, ctx.inputs[0]!, ctx.inputs[1]!, ["μ", "log σ²"]),
);

export const sparsityKl = entry(
  "sparsity_kl",
  "Sparse autoencoder penalty `β Σ_j KL(ρ ‖ ρ̂_j)` on hidden activations in (0, 1) (after `sigmoid`), with `ρ̂_j` the batch mean of " +
    "unit j and `KL(ρ ‖ ρ̂) = ρ log(ρ/ρ̂) + (1 − ρ) log((1 − ρ)/(1 − ρ̂))`. Add it to the reconstruction loss: `J_s = J + β Σ KL`. " +
    "β weighs the penalty against a reconstruction error summed over features; `bce` and `mse` average over them, so with n " +
    "features pass β / n for the same balance (MNIST: `beta=3.0 / 784`).",
  1,
  [
    { name: "rho", type: "float", default: "0.05", doc: "Target mean activation ρ." },
    { name: "beta", type: "float", default: "3", doc: "Weight β of the penalty." },
  ],
  "dl.losses.sparsityKl",
  () => true,
  (ctx) => [String(arg.num(ctx.args.rho as number)), String(arg.num(ctx.args.beta as number))],
);

/** Scores of real and generated examples must have one shape (both from the same critic). */
const scores = (ctx: ShapeContext) => sameShape(ctx, ctx.inputs[0]!, ctx.inputs[1]!, ["the real scores", "the generated scores"]);

export const ganDLoss = entry(
  "gan_d_loss",
  "Discriminator loss of the minimax GAN on probabilities (D ends in `sigmoid`): `−mean log D(x) − mean log(1 − D(G(z)))`, " +
    "i.e. ascending `E[log D(x)] + E[log(1 − D(G(z)))]`. Inputs: D's scores of real and of generated examples.",
  2,
  [],
  "dl.losses.ganDLoss",
  scores,
);

export const ganGLoss = entry(
  "gan_g_loss",
  "Non-saturating generator loss `−mean log D(G(z))` (Goodfellow et al. 2014's recommended form; same fixed point as the minimax " +
    "`log(1 − D(G(z)))` but strong gradients early on). Input: D's probabilities on generated examples.",
  1,
  [],
  "dl.losses.ganGLoss",
  () => true,
);

export const ganGMinimaxLoss = entry(
  "gan_g_minimax_loss",
  "The lecture's minimax generator loss `mean log(1 − D(G(z)))`, minimized by G. Saturates when D rejects samples confidently; prefer `gan_g_loss`.",
  1,
  [],
  "dl.losses.ganGMinimaxLoss",
  () => true,
);

export const lsganDLoss = entry(
  "lsgan_d_loss",
  "Least-squares discriminator loss (LSGAN; CycleGAN's GAN loss): `½ mean (D(x) − 1)² + ½ mean D(G(z))²` on raw scores (no sigmoid).",
  2,
  [],
  "dl.losses.lsganDLoss",
  scores,
);

export const lsganGLoss = entry("lsgan_g_loss", "Least-squares generator loss `mean (D(G(z)) − 1)²`.", 1, [], "dl.losses.lsganGLoss", () => true);

export const wganCriticLoss = entry(
  "wgan_critic_loss",
  "Wasserstein critic loss `mean D(G(z)) − mean D(x)`: minimizing it maximizes `E[D(x)] − E[D(G(z))]`, the estimate of the " +
    "Wasserstein distance over 1-Lipschitz critics. The critic ends in a linear layer (no sigmoid); keep it Lipschitz with " +
    "`weight_clip` (WGAN) or `gradient_penalty` (WGAN-GP).",
  2,
  [],
  "dl.losses.wganCriticLoss",
  scores,
);

export const wganGLoss = entry("wgan_g_loss", "Wasserstein generator loss `−mean D(G(z))`.", 1, [], "dl.losses.wganGLoss", () => true);

export const gradientPenalty = entry(
  "gradient_penalty",
  "WGAN-GP gradient penalty `λ · mean (‖∇ₓ̂ D(x̂)‖₂ − 1)²` at `x̂ = αx + (1 − α)G(z)`, `α ~ U(0, 1)` per example " +
    "(Gulrajani et al. 2017). Takes the critic model itself: `gradient_penalty(D, x, G(z))`. Add it to the critic loss.",
  2,
  [
    { name: "critic", type: "model", doc: "The critic (a model of this train block)." },
    weightArg("10", "Penalty weight λ (WGAN-GP: 10)."),
  ],
  "dl.losses.gradientPenalty",
  (ctx) => sameShape(ctx, ctx.inputs[0]!, ctx.inputs[1]!, ["the real examples", "the generated examples"]),
);
gradientPenalty.apply = (ctx, [real, fake]) => `dl.losses.gradientPenalty(${ctx.args.critic as string}, ${real}, ${fake}, ${arg.num(ctx.args.weight)}, ${ctx.rng})`;

export const contrastiveDivergence = entry(
  "contrastive_divergence",
  "Contrastive divergence CD-k (Hinton 2002) for the `rbm` layer of a model: `mean F(v₀) − mean F(v_k)`, with the free energy " +
    "`F(v) = −v·b_v − Σ_j softplus((vW + b_h)_j)`, v₀ the data and v_k the end of k steps of block Gibbs sampling from it " +
    "(h ~ p(h | v), v ~ p(v | h); the last v kept as probabilities), held constant. Its gradient is `⟨v hᵀ⟩_k − ⟨v hᵀ⟩_data` " +
    "for W, so `sgd` on it is the CD-k rule `ΔW = η (⟨v hᵀ⟩_data − ⟨v hᵀ⟩_k)`. The value itself is not a likelihood; watch the " +
    "reconstruction error instead: `contrastive_divergence(rbm, x, k=1)`.",
  1,
  [
    { name: "machine", type: "model", doc: "The model holding the `rbm` layer (a model of this train block)." },
    { name: "k", type: "int", default: "1", doc: "Gibbs steps of the negative phase (CD-1 is Hinton's choice)." },
  ],
  "dl.losses.contrastiveDivergence",
  (ctx) => {
    const x = ctx.inputs[0]!;
    if (x.shape.length >= 2) return true;
    ctx.fail("rankMismatch", `${ctx.site} expects a batch of examples [B, ...] but got ${formatShape(x.shape)}`);
    return false;
  },
);
contrastiveDivergence.apply = (ctx, [x]) => `dl.losses.contrastiveDivergence(${ctx.args.machine as string}, ${x}, ${lit(arg.dim(ctx.args.k))}, ${ctx.rng})`;

export const cycleLoss = entry(
  "cycle_loss",
  "Cycle-consistency loss of CycleGAN: `λ · mean |F(G(x)) − x|` (L1). The two generators must compose to the identity shape.",
  2,
  [weightArg("10", "λ (CycleGAN: 10).")],
  "dl.losses.cycleLoss",
  (ctx) => sameShape(ctx, ctx.inputs[0]!, ctx.inputs[1]!, ["the cycle's result", "its input"], "cycleShape"),
  (ctx) => [String(arg.num(ctx.args.weight as number))],
);

export const identityLoss = entry(
  "identity_loss",
  "Identity loss of CycleGAN: `λ · mean |G(y) − y|`, a generator applied to its own target domain should change little " +
    "(CycleGAN: λ = 0.5 · 10 = 5).",
  2,
  [weightArg("5", "λ_identity · λ_cycle.")],
  "dl.losses.identityLoss",
  (ctx) => sameShape(ctx, ctx.inputs[0]!, ctx.inputs[1]!, ["G(y)", "y"]),
  (ctx) => [String(arg.num(ctx.args.weight as number))],
);

export const l1 = entry("l1", "Mean absolute error `mean |prediction − target|`; shapes must match.", 2, [], "dl.losses.l1", (ctx) =>
  sameShape(ctx, ctx.inputs[0]!, ctx.inputs[1]!, ["the prediction", "the target"]),
);

/** The reparameterization trick as a tensor function. */
export const reparameterize: RegistryEntry = {
  kind: "function",
  twiceDifferentiable: true,
  name: "reparameterize",
  category: "random",
  doc:
    "Reparameterization trick: `z = μ + ε·exp(½ log σ²)`, `ε ~ N(0, 1)` from the run's seeded generator, so the sample is " +
    "differentiable in μ and σ. Inputs `μ`, `log σ²` of one shape (or an encoder's `(mu, logvar)` tuple).",
  args: [],
  inputs: { min: 2, max: 2 },
  shape(ctx) {
    const [mu, logvar] = ctx.inputs as [TensorShape, TensorShape];
    return sameShape(ctx, mu, logvar, ["μ", "log σ²"]) ? { shape: mu.shape, dtype: "f32" } : undefined;
  },
  apply: (ctx, [mu, logvar]) => `dl.reparameterize(${mu}, ${logvar}, ${ctx.rng})`,
};

/** Fixed one-hot labels for a conditional model's sample grid. */
export const labelGrid: RegistryEntry = {
  kind: "function",
  twiceDifferentiable: true,
  name: "label_grid",
  category: "random",
  doc: "One-hot labels `[n, classes]` cycling through the classes (row i is class `i mod classes`), for a conditional generator's sample grid: `samples G(normal([100, 100]), label_grid(100, 10))`.",
  args: [
    { name: "n", type: "int", doc: "Rows." },
    { name: "classes", type: "int", doc: "Classes." },
  ],
  inputs: { min: 0, max: 0 },
  shape: (ctx) => ({ shape: [arg.dim(ctx.args.n), arg.dim(ctx.args.classes)], dtype: "f32" }),
  apply: (ctx) => `dl.labelGrid(${lit(arg.dim(ctx.args.n))}, ${lit(arg.dim(ctx.args.classes))})`,
};

export const generativeLosses: RegistryEntry[] = [
  elbo, klNormal, sparsityKl, ganDLoss, ganGLoss, ganGMinimaxLoss, lsganDLoss, lsganGLoss, wganCriticLoss, wganGLoss,
  gradientPenalty, contrastiveDivergence, cycleLoss, identityLoss, l1, reparameterize, labelGrid, reflectionPad,
];

/** The adversarial role of each loss that has one. */
export const lossRoles: ReadonlyMap<string, LossRole> = new Map<string, LossRole>([
  ["gan_d_loss", "discriminator"],
  ["lsgan_d_loss", "discriminator"],
  ["wgan_critic_loss", "discriminator"],
  ["gradient_penalty", "discriminator"],
  ["gan_g_loss", "generator"],
  ["gan_g_minimax_loss", "generator"],
  ["lsgan_g_loss", "generator"],
  ["wgan_g_loss", "generator"],
]);

/** Losses whose critic must not end in a sigmoid (Wasserstein). */
export const wassersteinLosses: ReadonlySet<string> = new Set(["wgan_critic_loss", "wgan_g_loss", "gradient_penalty"]);
