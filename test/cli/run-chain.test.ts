/**
 * `dl run` on a file whose train blocks start from each other's weights: it trains the blocks an
 * init names first, each in its own folder beside the last one's (runs/<block>), and with no
 * --train it runs the block that the others lead to.
 */
import test from "ava";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../cli/main.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dl-run-chain-"));
test.after.always(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs the CLI in this process with its output captured. */
async function dl(...args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const { error, log } = console;
  const write = process.stdout.write.bind(process.stdout);
  console.error = (...a: unknown[]) => void out.push(a.join(" "));
  console.log = (...a: unknown[]) => void out.push(a.join(" "));
  process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
  try {
    return { code: await main(args), out: out.join("\n") };
  } finally {
    Object.assign(console, { error, log });
    process.stdout.write = write;
  }
}

const stage = (name: string, classes: number, init: string) => `
train ${name} {
  data points = blobs(n=100, centers=${classes}) |> batch(50)
  model net = Net(classes=${classes})
${init}
  optimizer opt = adam(net, lr=1e-2)
  epochs 1
  for (x, y) in points {
    step opt minimize cross_entropy(net(x), y)
  }
}
`;

const program = `model Net(classes: int = 2) {
  input x: f32[B, 2]
  layer head = dense(classes)
  return x |> dense(8) |> relu |> head
}
${stage("third", 4, "  init net from second except head")}
${stage("first", 2, "")}
${stage("second", 3, "  init net from first except head")}
`;

test.serial("with no --train, the chain's last block runs after the blocks it starts from, each in runs/<block>", async (t) => {
  const file = path.join(tmp, "chain.dl");
  fs.writeFileSync(file, program);
  const out = path.join(tmp, "runs", "third");
  const r = await dl("run", file, "--backend", "cpu", "--out", out);
  t.is(r.code, 0, r.out);
  for (const block of ["first", "second", "third"]) t.true(fs.existsSync(path.join(tmp, "runs", block, "history.jsonl")), `${block}: ${r.out}`);
  const order = ["first:", "second:", "third:"].map((b) => r.out.indexOf(b));
  t.deepEqual([...order].sort((a, b) => a - b), order, r.out);
  t.regex(r.out, new RegExp(`Initialised net from ${path.join(tmp, "runs", "first", "checkpoints").replace(/[\\/.]/g, "\\$&")}`));
  t.regex(r.out, /Initialised net from .*second.*\(2 tensors; 2 kept fresh \(except head\)\)/);
});

test.serial("a block that starts from none runs alone; a missing source run is an error naming the folder", async (t) => {
  const file = path.join(tmp, "chain.dl");
  const alone = await dl("run", file, "--backend", "cpu", "--train", "first", "--out", path.join(tmp, "alone", "first"));
  t.is(alone.code, 0, alone.out);
  t.false(fs.existsSync(path.join(tmp, "alone", "second")));
  const other = path.join(tmp, "other.dl");
  fs.writeFileSync(other, program.replace("init net from first except head", `init net from "${path.join(tmp, "never").replace(/\\/g, "/")}" except head`));
  const missing = await dl("run", other, "--backend", "cpu", "--train", "second", "--out", path.join(tmp, "m", "second"));
  t.is(missing.code, 1);
  t.regex(missing.out, /error: .*never: expected a run folder written by dl run to initialise 'net' \(.*other\.dl:\d+: init net\), found no such folder/);
});
