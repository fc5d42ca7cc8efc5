/**
 * CartPole with the classic control dynamics of OpenAI Gym's `CartPoleEnv` (Barto, Sutton &
 * Anderson 1983): explicit Euler steps of 0.02 s, a force of ±10 N, failure when the pole leans
 * past 12° or the cart leaves ±2.4 m; reward 1 for every step, the failing one included.
 */
import type { Rng } from "../rng.js";
import type { EnvInstance, Environment, StepResult } from "./environment.js";

const gravity = 9.8;
const massCart = 1.0;
const massPole = 0.1;
const totalMass = massCart + massPole;
const halfLength = 0.5;
const poleMassLength = massPole * halfLength;
const forceMag = 10.0;
const tau = 0.02;
const thetaLimit = (12 * 2 * Math.PI) / 360;
const xLimit = 2.4;

/** One cart: state (x, ẋ, θ, θ̇). */
export class CartPoleInstance implements EnvInstance {
  readonly state = new Float64Array(4);

  reset(rng: Rng): Float32Array {
    for (let i = 0; i < 4; i++) this.state[i] = rng.next() * 0.1 - 0.05;
    return Float32Array.from(this.state);
  }

  step(action: number): StepResult {
    const [x, xDot, theta, thetaDot] = this.state as unknown as [number, number, number, number];
    const force = action === 1 ? forceMag : -forceMag;
    const cos = Math.cos(theta);
    const sin = Math.sin(theta);
    const temp = (force + poleMassLength * thetaDot * thetaDot * sin) / totalMass;
    const thetaAcc = (gravity * sin - cos * temp) / (halfLength * (4.0 / 3.0 - (massPole * cos * cos) / totalMass));
    const xAcc = temp - (poleMassLength * thetaAcc * cos) / totalMass;
    this.state[0] = x + tau * xDot;
    this.state[1] = xDot + tau * xAcc;
    this.state[2] = theta + tau * thetaDot;
    this.state[3] = thetaDot + tau * thetaAcc;
    const terminal = this.state[0]! < -xLimit || this.state[0]! > xLimit || this.state[2]! < -thetaLimit || this.state[2]! > thetaLimit;
    return { observation: Float32Array.from(this.state), reward: 1, terminal };
  }
}

/** `cartpole(max_steps=200)`: CartPole-v0 with the default cut-off (v1 uses 500). */
export function cartpole(options: { maxSteps?: number } = {}): Environment {
  return { name: "cartpole", observation: [4], actions: 2, maxSteps: options.maxSteps ?? 200, create: () => new CartPoleInstance() };
}
