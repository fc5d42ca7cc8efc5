// TensorFlow.js for test pages, as an app would ship it: tfjs-core with the cpu, WebGL and
// WebGPU backends registered. Pages map "@tensorflow/tfjs-core" here with an import map, so an
// exported model.mjs loads unmodified.
export * from "@tensorflow/tfjs-core";
// As @tensorflow/tfjs does: tfjs-core's browser entry registers no gradients by itself.
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-webgl";
import "@tensorflow/tfjs-backend-webgpu";
