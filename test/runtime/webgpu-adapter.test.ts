import test from "ava";
import { adapterFacts } from "../../runtime/backend/webgpu-adapter.js";

// Adapters as Dawn describes them (GPUAdapter.info), old and new spellings: data, one row each.
const cases: Array<{
  adapter: Parameters<typeof adapterFacts>[0];
  name: string;
  software: boolean;
}> = [
  {
    // lavapipe from mesa 25 (bookworm-backports), as Dawn 0.6 reports it.
    adapter: {
      info: {
        vendor: "mesa",
        architecture: "software",
        device: "llvmpipe-llvm-15-0-6-256-bits-",
        description: "llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1",
        isFallbackAdapter: true,
      },
    },
    name: "llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1",
    software: true,
  },
  {
    // SwiftShader from chromium-common.
    adapter: {
      info: {
        vendor: "google",
        architecture: "swiftshader",
        device: "swiftshader-device-subzero-",
        description: "SwiftShader driver 5.0.0",
        isFallbackAdapter: true,
      },
    },
    name: "SwiftShader driver 5.0.0",
    software: true,
  },
  {
    // A driver that names itself software but leaves the flag unset.
    adapter: { info: { vendor: "mesa", device: "llvmpipe", description: "" } },
    name: "mesa llvmpipe",
    software: true,
  },
  {
    // The older spelling: the fallback flag on the adapter itself.
    adapter: { isFallbackAdapter: true, info: { description: "Some device" } },
    name: "Some device",
    software: true,
  },
  {
    adapter: {
      info: {
        vendor: "nvidia",
        architecture: "hopper",
        device: "",
        description: "NVIDIA H200",
        isFallbackAdapter: false,
      },
    },
    name: "NVIDIA H200",
    software: false,
  },
  { adapter: {}, name: "unnamed adapter", software: false },
];

test("adapterFacts names the adapter and tells software from hardware", (t) => {
  for (const c of cases)
    t.deepEqual(adapterFacts(c.adapter), {
      name: c.name,
      software: c.software,
    });
});
