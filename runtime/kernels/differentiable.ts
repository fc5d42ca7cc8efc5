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
