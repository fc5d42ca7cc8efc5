/**
 * Exact parameter counts of the generative standard library, read from `dl summary --json` as a
 * user would, against the canonical implementations (LECTURE.md's table).
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import test from "ava";
import { repoRoot } from "../compiler/golden.js";

const counts: [file: string, model: string, params: number, source: string][] = [
  ["vae.dl", "VAE", 652_824, "pytorch/examples vae"],
  ["dcgan.dl", "DCGANGenerator", 3_576_704, "PyTorch DCGAN tutorial netG"],
  ["dcgan.dl", "DCGANDiscriminator", 2_765_568, "PyTorch DCGAN tutorial netD"],
  ["cyclegan.dl", "CycleGANGenerator256", 11_378_179, "pytorch-CycleGAN-and-pix2pix resnet_9blocks"],
  ["cyclegan.dl", "CycleGANDiscriminator256", 2_764_737, "pytorch-CycleGAN-and-pix2pix basic PatchGAN"],
];

for (const [file, model, params, source] of counts) {
  test(`${model} has ${params.toLocaleString("en-US")} parameters (${source})`, (t) => {
    const out = execFileSync(process.execPath, [join(repoRoot, "cli/dl.mjs"), "summary", join(repoRoot, "stdlib/generative", file), model, "--json"], { encoding: "utf8" });
    t.is((JSON.parse(out) as { totalParams: number }).totalParams, params);
  });
}
