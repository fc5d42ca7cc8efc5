/**
 * Losses of the lecture's generative models (`dl.losses`): the VAE's evidence lower bound, the
 * sparse autoencoder's KL penalty, the adversarial losses of GAN, LSGAN and WGAN, WGAN-GP's
 * gradient penalty, and CycleGAN's cycle-consistency and identity terms. Each returns a
 * `tf.Scalar`; the formulas are in CONTRACT.md and in the registry docs.
 */
import * as tf from "@tensorflow/tfjs-core";
import { gradientPenalty as penalty } from "../kernels/gradient-penalty.js";
import { clamp } from "../kernels/differentiable.js";
import type { Module } from "../module.js";
import { RBM } from "../nn/rbm.js";
import { random, type Rng } from "../rng.js";

/** Axes 1..rank-1 (everything but the batch axis). */
function exampleAxes(t: tf.Tensor): number[] {
  return Array.from({ length: t.rank - 1 }, (_, i) => i + 1);
}

/** Sums every axis but the batch axis, then averages over the batch: a per-example total. */
function perExampleMean(t: tf.Tensor): tf.Scalar {
  const axes = exampleAxes(t);
  return tf.mean(axes.length ? tf.sum(t, axes) : t) as tf.Scalar;
}

/** log p clamped at −100 as PyTorch's binary_cross_entropy does. */
const clampedLog = (p: tf.Tensor): tf.Tensor => tf.maximum(tf.log(p), -100);

/**
 * KL(N(μ, σ²) ‖ N(0, 1)) summed over latent units, batch mean: `−½ Σ (1 + log σ² − μ² − σ²)`.
 */
export function klNormal(mu: tf.Tensor, logvar: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const terms = tf.sub(tf.sub(tf.add(1, logvar), tf.square(mu)), tf.exp(logvar));
    return tf.mul(-0.5, perExampleMean(terms)) as tf.Scalar;
  });
}

/**
 * Negative ELBO of a VAE with a Bernoulli decoder (pytorch/examples' `loss_function`, per image):
 * `Σ_pixels BCE(x̂, x) + KL(N(μ, σ²) ‖ N(0, 1))`, averaged over the batch, in nats.
 */
export function elbo(recon: tf.Tensor, x: tf.Tensor, mu: tf.Tensor, logvar: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const t = tf.cast(x, "float32");
    const bce = tf.neg(tf.add(tf.mul(t, clampedLog(recon)), tf.mul(tf.sub(1, t), clampedLog(tf.sub(1, recon)))));
    return tf.add(perExampleMean(bce), klNormal(mu, logvar)) as tf.Scalar;
  });
}

/**
 * Sparse-autoencoder penalty: `β Σ_j KL(ρ ‖ ρ̂_j)` with `ρ̂_j` the batch-mean activation of hidden
 * unit j (activations in (0, 1), e.g. after sigmoid) and
 * `KL(ρ ‖ ρ̂) = ρ log(ρ/ρ̂) + (1 − ρ) log((1 − ρ)/(1 − ρ̂))`.
 */
export function sparsityKl(hidden: tf.Tensor, rho = 0.05, beta = 3): tf.Scalar {
  return tf.tidy(() => {
    const flat = tf.reshape(hidden, [hidden.shape[0]!, -1]);
    const rhoHat = clamp(tf.mean(flat, 0), 1e-6, 1 - 1e-6); // twice differentiable (tf.clipByValue's gradient has no gradient)
    const kl = tf.add(tf.mul(rho, tf.log(tf.div(rho, rhoHat))), tf.mul(1 - rho, tf.log(tf.div(1 - rho, tf.sub(1, rhoHat)))));
    return tf.mul(beta, tf.sum(kl)) as tf.Scalar;
  });
}

/** Reparameterization trick: `z = μ + ε·exp(½ log σ²)`, `ε ~ N(0, 1)` from `rng`. */
export function reparameterize(mu: tf.Tensor, logvar: tf.Tensor, rng: Rng): tf.Tensor {
  return tf.tidy(() => tf.add(mu, tf.mul(random.normal(mu.shape, rng), tf.exp(tf.mul(0.5, logvar)))));
}

/** Mean binary cross-entropy of probabilities `p` against the constant target `t` (0 or 1). */
function bceConst(p: tf.Tensor, t: 0 | 1): tf.Scalar {
  return tf.neg(tf.mean(clampedLog(t === 1 ? p : tf.sub(1, p)))) as tf.Scalar;
}

/**
 * Discriminator loss of the minimax GAN (Goodfellow et al. 2014), on probabilities:
 * `−mean log D(x) − mean log(1 − D(G(z)))` (PyTorch DCGAN tutorial's errD_real + errD_fake).
 */
export function ganDLoss(real: tf.Tensor, fake: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.add(bceConst(real, 1), bceConst(fake, 0)) as tf.Scalar);
}

/** Non-saturating generator loss: `−mean log D(G(z))`. */
export function ganGLoss(fake: tf.Tensor): tf.Scalar {
  return tf.tidy(() => bceConst(fake, 1));
}

/** The minimax generator loss as written in the lecture: `mean log(1 − D(G(z)))` (saturates early in training). */
export function ganGMinimaxLoss(fake: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.neg(bceConst(fake, 0)) as tf.Scalar);
}

/** Least-squares discriminator loss (LSGAN, CycleGAN): `½ mean (D(x) − 1)² + ½ mean D(G(z))²`. */
export function lsganDLoss(real: tf.Tensor, fake: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mul(0.5, tf.add(tf.mean(tf.square(tf.sub(real, 1))), tf.mean(tf.square(fake)))) as tf.Scalar);
}

/** Least-squares generator loss: `mean (D(G(z)) − 1)²`. */
export function lsganGLoss(fake: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.square(tf.sub(fake, 1))) as tf.Scalar);
}

/** Wasserstein critic loss (Arjovsky et al. 2017): `mean D(G(z)) − mean D(x)`, the negated distance estimate. */
export function wganCriticLoss(real: tf.Tensor, fake: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.sub(tf.mean(fake), tf.mean(real)) as tf.Scalar);
}

/** Wasserstein generator loss: `−mean D(G(z))`. */
export function wganGLoss(fake: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(fake)) as tf.Scalar);
}

/**
 * WGAN-GP's penalty (Gulrajani et al. 2017): `λ · mean (‖∇ D(x̂)‖₂ − 1)²` at
 * `x̂ = α x + (1 − α) G(z)`, `α ~ U(0, 1)` per example from `rng`. The critic runs in training
 * mode; its activations must be twice differentiable (see runtime/kernels/differentiable.ts).
 */
export function gradientPenalty(critic: Module & { apply(x: tf.Tensor, training: boolean): tf.Tensor | tf.Tensor[] }, real: tf.Tensor, fake: tf.Tensor, weight: number, rng: Rng): tf.Scalar {
  return tf.tidy(() => {
    const alpha = random.uniform([real.shape[0]!], 0, 1, rng);
    const score = (t: tf.Tensor): tf.Tensor => {
      const out = critic.apply(t, true);
      return Array.isArray(out) ? out[0]! : out;
    };
    return tf.mul(weight, penalty(score, real, fake, { alpha })) as tf.Scalar;
  });
}

/**
 * Contrastive divergence CD-k (Hinton 2002) for the RBM inside `model`: `mean F(v₀) − mean F(v_k)`
 * with F the free energy, v₀ the data and v_k the end of a k-step Gibbs chain started at v₀ (a
 * constant). Its gradient is `−(⟨v hᵀ⟩_data − ⟨v hᵀ⟩_k)` for W (and likewise for the biases), so
 * gradient descent is the CD-k learning rule.
 */
export function contrastiveDivergence(model: Module, data: tf.Tensor, k: number, rng: Rng): tf.Scalar {
  const rbms = model.modules().filter((m): m is RBM => m instanceof RBM);
  if (rbms.length !== 1) throw new Error(`contrastive_divergence: ${model.path} holds ${rbms.length} rbm layers; it needs exactly one`);
  const rbm = rbms[0]!;
  return tf.tidy(() => {
    const v0 = rbm.flat(data);
    const vk = rbm.gibbs(v0, k, rng);
    return tf.sub(tf.mean(rbm.freeEnergy(v0)), tf.mean(rbm.freeEnergy(vk))) as tf.Scalar;
  });
}

/** Cycle-consistency loss (CycleGAN): `λ · mean |F(G(x)) − x|`. */
export function cycleLoss(reconstructed: tf.Tensor, original: tf.Tensor, weight = 10): tf.Scalar {
  return tf.tidy(() => tf.mul(weight, tf.mean(tf.abs(tf.sub(reconstructed, original)))) as tf.Scalar);
}

/** Identity loss (CycleGAN): `λ · mean |G(y) − y|`, keeping a generator near the identity on its target domain. */
export function identityLoss(mapped: tf.Tensor, original: tf.Tensor, weight = 5): tf.Scalar {
  return cycleLoss(mapped, original, weight);
}
