/**
 * Second-order gradients (gradient penalties) checked against central finite
 * differences of a float64 oracle: an MLP critic whose input gradient is
 * written out analytically in float64, so the finite differences are accurate
 * to ~1e-9 and the float32 tfjs result is held to a normwise relative error
 * (max|a − b| / max|b|) of 1e-4; float32 rounding through two backward passes
 * leaves ~3e-7.
 */
import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import * as d from "../../runtime/kernels/index.js";
import { initBackends, relError, rng } from "./kernel-test-utils.js";

const TOL = 1e-4;

interface Act {
  name: string;
  tf: (x: tf.Tensor) => tf.Tensor;
  f: (z: number) => number;
  df: (z: number) => number;
}

const sig = (z: number) => 1 / (1 + Math.exp(-z));
const SELU_A = 1.6732632423543772;
const SELU_L = 1.0507009873554805;
const K = Math.sqrt(2 / Math.PI);
const pdf = (z: number) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
/** Φ(z) by a series precise to ~1e-15 for |z| < 6 (no erf in Math). */
function phi(z: number): number {
  let term = z;
  let sum = z;
  for (let n = 1; n < 200; n++) {
    term *= (z * z) / (2 * n + 1);
    sum += term;
  }
  return 0.5 + pdf(z) * sum;
}
const ACTS: Act[] = [
  {
    name: "relu",
    tf: tf.relu,
    f: (z) => Math.max(0, z),
    df: (z) => (z > 0 ? 1 : 0),
  },
  {
    name: "leaky_relu",
    tf: (x) => d.leakyRelu(x, 0.2),
    f: (z) => (z > 0 ? z : 0.2 * z),
    df: (z) => (z > 0 ? 1 : 0.2),
  },
  { name: "tanh", tf: d.tanh, f: Math.tanh, df: (z) => 1 - Math.tanh(z) ** 2 },
  { name: "sigmoid", tf: d.sigmoid, f: sig, df: (z) => sig(z) * (1 - sig(z)) },
  {
    name: "elu",
    tf: d.elu,
    f: (z) => (z > 0 ? z : Math.exp(z) - 1),
    df: (z) => (z > 0 ? 1 : Math.exp(z)),
  },
  {
    name: "elu(alpha=0.5)",
    tf: (x) => d.eluAlpha(x, 0.5),
    f: (z) => (z > 0 ? z : 0.5 * (Math.exp(z) - 1)),
    df: (z) => (z > 0 ? 1 : 0.5 * Math.exp(z)),
  },
  {
    name: "selu",
    tf: d.selu,
    f: (z) => SELU_L * (z > 0 ? z : SELU_A * (Math.exp(z) - 1)),
    df: (z) => SELU_L * (z > 0 ? 1 : SELU_A * Math.exp(z)),
  },
  { name: "gelu", tf: d.gelu, f: (z) => z * phi(z), df: (z) => phi(z) + z * pdf(z) },
  {
    name: "gelu(approximate=tanh)",
    tf: d.geluTanh,
    f: (z) => 0.5 * z * (1 + Math.tanh(K * (z + 0.044715 * z ** 3))),
    df: (z) => {
      const u = Math.tanh(K * (z + 0.044715 * z ** 3));
      return 0.5 * (1 + u) + 0.5 * z * (1 - u * u) * K * (1 + 3 * 0.044715 * z * z);
    },
  },
  { name: "silu", tf: d.silu, f: (z) => z * sig(z), df: (z) => sig(z) * (1 + z * (1 - sig(z))) },
  { name: "softplus", tf: (x) => d.softplus(x), f: (z) => Math.log1p(Math.exp(z)), df: sig },
  {
    name: "softplus(beta=2, threshold=1)",
    tf: (x) => d.softplus(x, 2, 1),
    f: (z) => (2 * z > 1 ? z : Math.log1p(Math.exp(2 * z)) / 2),
    df: (z) => (2 * z > 1 ? 1 : sig(2 * z)),
  },
  {
    name: "mish",
    tf: d.mish,
    f: (z) => z * Math.tanh(Math.log1p(Math.exp(z))),
    df: (z) => {
      const t = Math.tanh(Math.log1p(Math.exp(z)));
      return t + z * (1 - t * t) * sig(z);
    },
  },
  {
    name: "clamp(-0.5, 0.7)",
    tf: (x) => d.clamp(x, -0.5, 0.7),
    f: (z) => Math.min(Math.max(z, -0.5), 0.7),
    df: (z) => (z >= -0.5 && z <= 0.7 ? 1 : 0),
  },
  // Scaled so that pre-activations cross the kinks at 0, ±3 and 6.
  {
    name: "relu6",
    tf: (x) => d.relu6(tf.mul(x, 4)),
    f: (z) => Math.min(Math.max(4 * z, 0), 6),
    df: (z) => (4 * z > 0 && 4 * z <= 6 ? 4 : 0),
  },
  {
    name: "hardswish",
    tf: (x) => d.hardswish(tf.mul(x, 4)),
    f: (z) => (4 * z * Math.min(Math.max(4 * z + 3, 0), 6)) / 6,
    df: (z) => (4 * z < -3 ? 0 : 4 * z > 3 ? 4 : (4 * (2 * 4 * z + 3)) / 6),
  },
  {
    name: "hardsigmoid",
    tf: (x) => d.hardsigmoid(tf.mul(x, 4)),
    f: (z) => Math.min(Math.max(4 * z + 3, 0), 6) / 6,
    df: (z) => (4 * z > -3 && 4 * z <= 3 ? 4 / 6 : 0),
  },
];

const B = 3;
const D = 4;
const H1 = 6;
const H2 = 5;

interface Params {
  W1: number[];
  b1: number[];
  W2: number[];
  b2: number[];
  w3: number[];
}

/** Per-example ‖∇ₓ critic(x_b)‖² in float64 (row-major W1 [D,H1], W2 [H1,H2], w3 [H2]). */
function oracleSquaredNorms(act: Act, x: number[], p: Params): number[] {
  const out: number[] = [];
  for (let b = 0; b < B; b++) {
    const z1 = Array.from(
      { length: H1 },
      (_, j) =>
        p.b1[j]! +
        x
          .slice(b * D, b * D + D)
          .reduce((s, xi, i) => s + xi * p.W1[i * H1 + j]!, 0),
    );
    const a1 = z1.map(act.f);
    const z2 = Array.from(
      { length: H2 },
      (_, k) => p.b2[k]! + a1.reduce((s, a, j) => s + a * p.W2[j * H2 + k]!, 0),
    );
    const delta2 = z2.map((z, k) => act.df(z) * p.w3[k]!);
    const delta1 = z1.map(
      (z, j) =>
        act.df(z) * delta2.reduce((s, dk, k) => s + p.W2[j * H2 + k]! * dk, 0),
    );
    const g = Array.from({ length: D }, (_, i) =>
      delta1.reduce((s, dj, j) => s + p.W1[i * H1 + j]! * dj, 0),
    );
    out.push(g.reduce((s, v) => s + v * v, 0));
  }
  return out;
}

/** Central differences of `f` with respect to every entry of `v` (float64). */
function centralDiff(
  f: (v: number[]) => number,
  v: number[],
  eps = 1e-6,
): number[] {
  return v.map((_, i) => {
    const up = v.slice();
    const down = v.slice();
    up[i]! += eps;
    down[i]! -= eps;
    return (f(up) - f(down)) / (2 * eps);
  });
}

function tfCritic(act: Act, p: Record<keyof Params, tf.Tensor>): d.Critic {
  return (x) => {
    const a1 = act.tf(
      tf.add(tf.matMul(x as tf.Tensor2D, p.W1 as tf.Tensor2D), p.b1),
    );
    const a2 = act.tf(
      tf.add(tf.matMul(a1 as tf.Tensor2D, p.W2 as tf.Tensor2D), p.b2),
    );
    return tf.matMul(
      a2 as tf.Tensor2D,
      tf.reshape(p.w3, [H2, 1]) as tf.Tensor2D,
    );
  };
}

function randomParams(r: ReturnType<typeof rng>): Params {
  const v = (n: number, s: number) =>
    Array.from({ length: n }, () => r.float() * s);
  return {
    W1: v(D * H1, 0.8),
    b1: v(H1, 0.3),
    W2: v(H1 * H2, 0.8),
    b2: v(H2, 0.3),
    w3: v(H2, 1),
  };
}

for (const backend of ["cpu", "wasm"] as const) {
  test.serial(
    `d/dx and d/dW1 of ‖∇ₓ critic‖² match float64 finite differences (${backend})`,
    async (t) => {
      await initBackends();
      await tf.setBackend(backend);
      const r = rng(61);
      for (const act of ACTS) {
        const p = randomParams(r);
        const x = Array.from({ length: B * D }, () => r.float() * 1.5);
        const before = tf.memory().numTensors;
        const [gx, gW1] = tf.tidy(() => {
          const pt = {
            W1: tf.tensor2d(p.W1, [D, H1]),
            b1: tf.tensor1d(p.b1),
            W2: tf.tensor2d(p.W2, [H1, H2]),
            b2: tf.tensor1d(p.b2),
            w3: tf.tensor1d(p.w3),
          };
          const penalty = (xt: tf.Tensor, W1: tf.Tensor) =>
            tf.sum(
              tf.square(
                tf.grad((u: tf.Tensor) =>
                  tf.sum(tfCritic(act, { ...pt, W1 })(u)),
                )(xt),
              ),
            ) as tf.Scalar;
          const grads = tf.grads(penalty)([tf.tensor2d(x, [B, D]), pt.W1]);
          return grads.map((g) => g.dataSync());
        });
        t.is(tf.memory().numTensors, before, `${act.name}: tensors leaked`);
        const total = (xs: number[], ps: Params) =>
          oracleSquaredNorms(act, xs, ps).reduce((a, b) => a + b, 0);
        const fdX = centralDiff((v) => total(v, p), x);
        const fdW1 = centralDiff((v) => total(x, { ...p, W1: v }), p.W1);
        const ex = relError(gx!, fdX);
        const ew = relError(gW1!, fdW1);
        t.true(ex <= TOL, `${act.name}: d/dx rel error ${ex}`);
        t.true(ew <= TOL, `${act.name}: d/dW1 rel error ${ew}`);
        t.log(
          `${act.name}: d/dx ${ex.toExponential(1)}, d/dW1 ${ew.toExponential(1)}`,
        );
      }
    },
  );
}

test.serial(
  "gradientPenalty: WGAN-GP value and critic-weight gradient match float64 finite differences",
  async (t) => {
    await initBackends();
    await tf.setBackend("wasm");
    const r = rng(71);
    const act = ACTS[1]!; // leaky_relu: the usual WGAN-GP critic, and the one tf.leakyRelu cannot do
    const p = randomParams(r);
    const real = Array.from({ length: B * D }, () => r.float());
    const fake = Array.from({ length: B * D }, () => r.float());
    const alpha = [0.2, 0.5, 0.9];
    const mixed = real.map(
      (v, i) =>
        alpha[Math.floor(i / D)]! * v +
        (1 - alpha[Math.floor(i / D)]!) * fake[i]!,
    );
    const gp = (ps: Params) => {
      const n = oracleSquaredNorms(act, mixed, ps);
      return n.reduce((s, v) => s + (Math.sqrt(v + 1e-12) - 1) ** 2, 0) / B;
    };
    const [value, gW2] = tf.tidy(() => {
      const W2 = tf.variable(tf.tensor2d(p.W2, [H1, H2]));
      const pt = {
        W1: tf.tensor2d(p.W1, [D, H1]),
        b1: tf.tensor1d(p.b1),
        W2,
        b2: tf.tensor1d(p.b2),
        w3: tf.tensor1d(p.w3),
      };
      const critic = tfCritic(act, pt);
      const args = [
        tf.tensor2d(real, [B, D]),
        tf.tensor2d(fake, [B, D]),
        { alpha: tf.tensor1d(alpha) },
      ] as const;
      const { value, grads } = tf.variableGrads(
        () => d.gradientPenalty(critic, ...args),
        [W2],
      );
      const out = [value.dataSync(), grads[W2.name]!.dataSync()];
      W2.dispose();
      return out;
    });
    const ev = relError(value!, [gp(p)]);
    const eg = relError(
      gW2!,
      centralDiff((v) => gp({ ...p, W2: v }), p.W2),
    );
    t.true(ev <= 1e-4, `value rel error ${ev}`);
    t.true(eg <= TOL, `d/dW2 rel error ${eg}`);
    t.log(`value ${ev.toExponential(1)}, d/dW2 ${eg.toExponential(1)}`);
  },
);

test.serial(
  "gradientPenalty and r1Penalty train a conv critic with pooling on wasm (finite, leak-free)",
  async (t) => {
    await initBackends();
    await tf.setBackend("wasm");
    const w = tf.variable(tf.randomNormal([3, 3, 1, 4], 0, 0.5, "float32", 1));
    const v = tf.variable(
      tf.randomNormal([4 * 4 * 4, 1], 0, 0.5, "float32", 2),
    );
    const critic: d.Critic = (x) => {
      const h = d.leakyRelu(
        tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, "same"),
        0.2,
      );
      const pooled = tf.avgPool(h as tf.Tensor4D, 2, 2, "valid"); // needs our AvgPoolGrad gradient
      return tf.matMul(
        tf.reshape(pooled, [x.shape[0]!, -1]) as tf.Tensor2D,
        v as tf.Tensor2D,
      );
    };
    const real = tf.randomUniform([2, 8, 8, 1], -1, 1, "float32", 3);
    const fake = tf.randomUniform([2, 8, 8, 1], -1, 1, "float32", 4);
    const before = tf.memory().numTensors;
    for (let step = 0; step < 3; step++) {
      const { value, grads } = tf.variableGrads(
        () =>
          tf.add(
            d.gradientPenalty(critic, real, fake, { seed: step }),
            d.r1Penalty(critic, real),
          ) as tf.Scalar,
        [w, v],
      );
      t.true(Number.isFinite(value.dataSync()[0]!));
      for (const g of Object.values(grads))
        t.true(g.dataSync().every(Number.isFinite));
      tf.dispose([value, ...Object.values(grads)]);
    }
    t.is(tf.memory().numTensors, before, "tensors leaked across penalty steps");
    tf.dispose([w, v, real, fake]);
  },
);
