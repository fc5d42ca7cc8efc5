import * as tf from "@tensorflow/tfjs-core";

/**
 * Activations that can be differentiated twice, for penalties that put a
 * gradient inside the loss (WGAN-GP, R1, input-gradient regularisers).
 *
 * In tfjs 4.22 second-order gradients through tf.tanh, tf.sigmoid, tf.exp and
 * tf.softmax are silently wrong: their gradients read the saved *output*,
 * which the second differentiation treats as a constant (tfjs#3252; exp comes
 * out exactly halved). tf.elu, tf.selu and tf.leakyRelu throw instead
 * ("gradient function not found for EluGrad / Greater"). Each function here
 * computes its value with the tfjs kernel, but its derivative is an expression
 * in the *input* built from ops that are themselves twice differentiable (our
 * own functions recursively, tf.step, whose gradient is zero, and arithmetic),
 * so every order of derivative is right.
 */

/** f with f'(x) = derivative(x); derivative must be built from differentiable ops. */
function unary(
  forward: (x: tf.Tensor) => tf.Tensor,
  derivative: (x: tf.Tensor) => tf.Tensor,
): <T extends tf.Tensor>(x: T) => T {
  // customGrad's typing takes (Tensor | GradSaveFunc)[]; the engine passes (x, save).
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const x = args[0] as tf.Tensor;
    (args[1] as tf.GradSaveFunc)([x]);
    return {
      value: forward(x),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        tf.mul(dy, derivative(saved[0]!)),
    };
  });
  return <T extends tf.Tensor>(x: T) => op(x) as T;
}

/** eˣ; d/dx = eˣ (ours again, so every order is right). */
export const exp = unary(tf.exp, (x) => exp(x));

/** tanh x; d/dx = 1 − tanh²x. */
export const tanh = unary(tf.tanh, (x) => tf.sub(1, tf.square(tanh(x))));

/** σ(x) = 1 / (1 + e⁻ˣ); d/dx = σ(x)(1 − σ(x)). */
export const sigmoid = unary(tf.sigmoid, (x) => {
  const s = sigmoid(x);
  return tf.mul(s, tf.sub(1, s));
});

/** ELU (α = 1, as tf.elu): x for x > 0, eˣ − 1 otherwise; d/dx = e^min(x,0), written exp(x − relu(x)). */
export const elu = unary(tf.elu, (x) => exp(tf.sub(x, tf.relu(x))));

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/** SELU (as tf.selu); d/dx = λ for x > 0, λα·eˣ otherwise. */
export const selu = unary(tf.selu, (x) => {
  const positive = tf.step(x); // 1 where x > 0; its gradient is zero, so no comparison op enters the tape
  const negative = tf.mul(
    tf.sub(1, positive),
    tf.mul(SELU_ALPHA, exp(tf.sub(x, tf.relu(x)))),
  );
  return tf.mul(SELU_SCALE, tf.add(positive, negative));
});

/** Leaky ReLU: x for x > 0, αx otherwise; d/dx = tf.step(x, α) (1 or α, zero second derivative). */
export function leakyRelu<T extends tf.Tensor>(x: T, alpha = 0.01): T {
  return unary(
    (t) => tf.leakyRelu(t, alpha),
    (t) => tf.step(t, alpha),
  )(x);
}

/**
 * max over `axis` as a constant: tfjs has no stopGradient, and tf.max's own
 * gradient builds an Equal mask that a second differentiation cannot pass.
 * The max runs inside customGrad's forward, which tfjs does not record.
 */
function constantMax(x: tf.Tensor, axis: number): tf.Tensor {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const input = args[0] as tf.Tensor;
    return {
      value: tf.max(input, axis, true),
      gradFunc: () => tf.zerosLike(input),
    };
  });
  return op(x);
}

/**
 * log softmax along `axis`, as x − m − log Σ e^(x − m) with m the (constant)
 * maximum: the shift leaves every derivative unchanged, and our exp keeps
 * second derivatives right (tf.logSoftmax and tf.softmax get them wrong).
 */
export function logSoftmax<T extends tf.Tensor>(logits: T, axis = -1): T {
  const m = constantMax(logits, axis);
  const shifted = tf.sub(logits, m);
  return tf.sub(shifted, tf.log(tf.sum(exp(shifted), axis, true))) as T;
}

/** softmax along `axis` = exp(logSoftmax), twice differentiable. */
export function softmax<T extends tf.Tensor>(logits: T, axis = -1): T {
  return exp(logSoftmax(logits, axis));
}

/** erf x; d/dx = 2/√π · e^(−x²) (our exp, so every order is right). */
export const erf = unary(tf.erf, (x) =>
  tf.mul(2 / Math.sqrt(Math.PI), exp(tf.neg(tf.square(x)))),
);

/** softplus x = log(1 + eˣ) (as tf.softplus); d/dx = σ(x). */
export const softplusUnit = unary(tf.softplus, (x) => sigmoid(x));

/** ReLU6 min(max(x, 0), 6); d/dx = 1 on (0, 6], else 0, from tf.step (zero second derivative). */
export const relu6 = unary(tf.relu6, (x) =>
  tf.sub(tf.step(x), tf.step(tf.sub(x, 6))),
);

/** GELU, exact: x·Φ(x) = ½x(1 + erf(x/√2)) (torch.nn.GELU()). */
export function gelu<T extends tf.Tensor>(x: T): T {
  return tf.mul(tf.mul(x, 0.5), tf.add(1, erf(tf.mul(x, Math.SQRT1_2)))) as T;
}

/** GELU, tanh approximation: ½x(1 + tanh(√(2/π)(x + 0.044715x³))) (torch.nn.GELU(approximate="tanh")). */
export function geluTanh<T extends tf.Tensor>(x: T): T {
  const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.mul(x, tf.square(x)))));
  return tf.mul(tf.mul(x, 0.5), tf.add(1, tanh(inner))) as T;
}

/** SiLU (swish) x·σ(x). */
export function silu<T extends tf.Tensor>(x: T): T {
  return tf.mul(x, sigmoid(x)) as T;
}

/** Hard sigmoid relu6(x + 3)/6 (torch.nn.Hardsigmoid). */
export function hardsigmoid<T extends tf.Tensor>(x: T): T {
  return tf.div(relu6(tf.add(x, 3)), 6) as T;
}

/** Hard swish x·relu6(x + 3)/6 (torch.nn.Hardswish). */
export function hardswish<T extends tf.Tensor>(x: T): T {
  return tf.mul(x, hardsigmoid(x)) as T;
}

/**
 * Softplus as torch.nn.Softplus(beta, threshold): log(1 + e^(βx))/β, and x itself where
 * βx > threshold. The switch is a tf.step mask (zero gradient), not a comparison op.
 */
export function softplus<T extends tf.Tensor>(x: T, beta = 1, threshold = 20): T {
  const bx = beta === 1 ? x : tf.mul(x, beta);
  const smooth = beta === 1 ? softplusUnit(bx) : tf.div(softplusUnit(bx), beta);
  const linear = tf.step(tf.sub(bx, threshold));
  return tf.add(tf.mul(linear, x), tf.mul(tf.sub(1, linear), smooth)) as T;
}

/** Mish x·tanh(softplus(x)) (Misra 2019, torch.nn.Mish). */
export function mish<T extends tf.Tensor>(x: T): T {
  return tf.mul(x, tanh(softplus(x))) as T;
}

/** ELU with slope α: x for x > 0, α(eˣ − 1) otherwise, written relu(x) + α(e^min(x,0) − 1). */
export function eluAlpha<T extends tf.Tensor>(x: T, alpha = 1): T {
  if (alpha === 1) return elu(x);
  const negative = tf.sub(x, tf.relu(x));
  return tf.add(tf.relu(x), tf.mul(alpha, tf.sub(exp(negative), 1))) as T;
}

/** min(max(x, low), high); d/dx = 1 on [low, high], else 0, from tf.step (zero second derivative). */
export function clamp<T extends tf.Tensor>(x: T, low: number, high: number): T {
  return unary(
    (t) => tf.clipByValue(t, low, high),
    (t) => tf.mul(tf.step(tf.sub(t, low)), tf.sub(1, tf.step(tf.sub(t, high)))),
  )(x);
}
