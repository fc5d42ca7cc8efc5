/**
 * The networks the speed benches step, built from the compiler's generated code exactly as
 * `dl run` builds them: LeNet-5 (examples/lenet-mnist.dl, batch 64), ResNet-18 from the standard
 * library (examples/resnet-mnist.dl: 32×32×1, batch 16) and the row-by-row LSTM classifier
 * (examples/rnn-mnist.dl: 28 steps of 28, batch 64). Each is trained with the runtime's Adam(1e-3)
 * on softmax cross-entropy, on fixed random inputs.
 */
import * as tf from "@tensorflow/tfjs-core";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";

/** One network of the speed benches. */
export interface BenchNet {
  name: string;
  example: string;
  model: string;
  batch: number;
  /** Input shape without the batch axis. */
  input: number[];
}

/** The three networks, in the order the benches print them. */
export const BENCH_NETS: readonly BenchNet[] = [
  { name: "lenet5", example: "examples/lenet-mnist.dl", model: "LeNet5", batch: 64, input: [32, 32, 1] },
  { name: "resnet18", example: "examples/resnet-mnist.dl", model: "ResNet18", batch: 16, input: [32, 32, 1] },
  { name: "lstm", example: "examples/rnn-mnist.dl", model: "RowLSTM", batch: 64, input: [28, 28, 1] },
];

/** A built network: its forward pass, one full training step, and cleanup. */
export interface SteppedNet {
  net: BenchNet;
  /** The forward pass in training mode (caller disposes the result). */
  forward: () => tf.Tensor;
  /** The loss of one forward pass (caller disposes). */
  loss: () => tf.Scalar;
  /** The loss and its gradients with respect to the optimizer's variables (caller disposes). */
  grads: () => { value: tf.Scalar; grads: tf.NamedTensorMap };
  /** One optimizer step; reads the loss back as a progress bar would and returns it. */
  step: () => number;
  dispose: () => void;
}

/**
 * Compiles `net.example` now, imports the generated module and returns a stepper for its
 * `net.model` class. Throws with the compiler's reason when the example does not compile.
 */
export async function buildGenerated(net: BenchNet, seed = 0): Promise<SteppedNet> {
  const { DocumentPipeline } = await import("../../compiler/pipeline/document-pipeline.js");
  const emitted = await new DocumentPipeline().emitted(path.resolve(net.example));
  if (emitted.code === undefined) throw new Error(`${net.example} has errors`);
  const file = path.resolve(`.cache/bench/${net.name}.ts`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, emitted.code);
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const dl = (await import("../../runtime/index.js" as string)) as Record<string, any>;
  const Model = mod[net.model] as new (parent: null, name: string, rng: unknown) => any;
  if (Model === undefined) throw new Error(`${net.example} exports no model ${net.model}`);
  const model = new Model(null, "net", new dl["Rng"](seed));
  const opt = dl["optim"].adam([model], { lr: 1e-3 });
  const x = tf.randomUniform([net.batch, ...net.input], 0, 1, "float32", 11);
  const y = tf.randomUniform([net.batch], 0, 10, "int32", 12);
  const loss = () => dl["losses"].crossEntropy(model.apply(x, true), y) as tf.Scalar;
  return {
    net,
    forward: () => model.apply(x, true) as tf.Tensor,
    loss: () => tf.tidy(loss),
    grads: () => tf.variableGrads(loss, opt.variables()),
    step: () => {
      const l = opt.minimize(loss) as tf.Scalar;
      const v = l.dataSync()[0]!;
      l.dispose();
      return v;
    },
    dispose: () => {
      opt.dispose();
      model.dispose?.();
      tf.dispose([x, y]);
    },
  };
}
