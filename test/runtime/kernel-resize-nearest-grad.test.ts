import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import {
  initBackends,
  randomValues,
  relError,
  rng,
  runKernel,
} from "./kernel-test-utils.js";

/**
 * Reference by linearity: resize is linear in the image, so
 * dx[i] = Σ_j dy[j] · resize(e_i)[j], with the cpu backend's *forward* kernel
 * (independent of any gradient code) applied to each basis image e_i.
 */
async function reference(
  shape: [number, number, number, number],
  size: [number, number],
  dy: Float32Array,
  alignCorners: boolean,
  halfPixelCenters: boolean,
): Promise<Float64Array> {
  await initBackends();
  await tf.setBackend("cpu");
  const n = shape.reduce((a, b) => a * b, 1);
  const dx = new Float64Array(n);
  tf.tidy(() => {
    const basis = tf.reshape(tf.oneHot(tf.range(0, n, 1, "int32"), n), [
      n * shape[0],
      ...shape.slice(1),
    ]);
    // Basis image i sits at batch index i·B .. i·B+B−1; resize all at once.
    const up = tf.image
      .resizeNearestNeighbor(
        basis as tf.Tensor4D,
        size,
        alignCorners,
        halfPixelCenters,
      )
      .dataSync();
    const per = dy.length; // one resized batch
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < per; j++) s += dy[j]! * up[i * per + j]!;
      dx[i] = s;
    }
  });
  return dx;
}

test.serial(
  "ResizeNearestNeighborGrad (ours, on cpu and wasm) matches the forward resize, batch > 1 included",
  async (t) => {
    const r = rng(51);
    let worst = 0;
    for (let i = 0; i < 24; i++) {
      const shape: [number, number, number, number] = [
        r.int(1, 3),
        r.int(1, 5),
        r.int(1, 5),
        r.int(1, 3),
      ];
      const size: [number, number] = [r.int(1, 9), r.int(1, 9)];
      const alignCorners = r.int(0, 1) === 1;
      const halfPixelCenters = !alignCorners && r.int(0, 1) === 1; // tfjs forbids both
      const dyShape = [shape[0], size[0], size[1], shape[3]];
      const dy = randomValues(
        r,
        dyShape.reduce((a, b) => a * b, 1),
      );
      const ref = await reference(
        shape,
        size,
        dy,
        alignCorners,
        halfPixelCenters,
      );
      const label = `x=[${shape}] → ${size} alignCorners=${alignCorners} halfPixel=${halfPixelCenters}`;
      for (const backend of ["cpu", "wasm"] as const) {
        const out = await runKernel(
          backend,
          "ResizeNearestNeighborGrad",
          {
            images: { shape, values: new Float32Array(ref.length) },
            dy: { shape: dyShape, values: dy },
          },
          { alignCorners, halfPixelCenters, size },
        );
        const e = relError(out.values, ref);
        worst = Math.max(worst, e);
        t.true(e <= 1e-5, `${backend}: rel error ${e}: ${label}`);
        t.is(
          out.leakedTensors + out.leakedBuffers,
          0,
          `${backend} leak: ${label}`,
        );
      }
    }
    t.log(`24 cases × 2 backends, max rel error ${worst.toExponential(2)}`);
  },
);
