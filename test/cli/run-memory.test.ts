/**
 * `dl run` refuses a step that cannot fit the wasm backend before allocating anything: exit 1
 * with the estimate, the limit and a batch that fits, not an internal error or a wasm abort.
 */
import test from "ava";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../cli/main.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dl-run-memory-"));
test.after.always(() => fs.rmSync(tmp, { recursive: true, force: true }));

const program = `model Wide() {
  input x: f32[B, 28, 28, 1]
  return x |> conv2d(512, kernel=3, padding=same) |> relu |> conv2d(512, kernel=3, padding=same) |> relu |> global_avgpool |> dense(10)
}

train big {
  data train = mnist(split="test") |> batch(256)
  model net = Wide()
  optimizer opt = adam(net)
  epochs 1
  for (x, y) in train {
    step opt minimize cross_entropy(net(x), y)
  }
}
`;

test("a step estimated over wasm's 2 GiB is refused with what to change", async (t) => {
  const file = path.join(tmp, "big.dl");
  fs.writeFileSync(file, program);
  const err: string[] = [];
  const { error, log } = console;
  console.error = (...a: unknown[]) => void err.push(a.join(" "));
  console.log = (...a: unknown[]) => void err.push(a.join(" "));
  let code: number;
  try {
    code = await main(["run", file, "--backend", "wasm", "--max-steps", "1", "--quiet", "--out", path.join(tmp, "runs")]);
  } finally {
    Object.assign(console, { error, log });
  }
  const text = err.join("\n");
  t.is(code, 1, text);
  t.regex(text, /error: one training step needs about 4\.6 GiB \(.*activations for a batch of 256: 4\.6 GiB\), more than the 2 GiB the wasm backend can address; batch by 64/);
  t.false(text.includes("internal error"), text);
  // Refused before the run started: no run folder was written.
  t.false(fs.existsSync(path.join(tmp, "runs")));
});

test("dl summary shows each train block's step memory", async (t) => {
  const file = path.join(tmp, "summary.dl");
  fs.writeFileSync(file, program);
  const out: string[] = [];
  const { error, log } = console;
  console.error = (...a: unknown[]) => void out.push(a.join(" "));
  console.log = (...a: unknown[]) => void out.push(a.join(" "));
  try {
    t.is(await main(["summary", file]), 0);
  } finally {
    Object.assign(console, { error, log });
  }
  t.regex(out.join("\n"), /Training step of 'big': about 4\.6 GiB \(weights 9 MiB, gradients 9 MiB, optimizer state 18\.1 MiB, activations for a batch of 256: 4\.6 GiB\)/);
});
