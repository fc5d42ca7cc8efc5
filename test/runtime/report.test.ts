import test from "ava";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as dl from "dl-lang/runtime";

const capture = (isTTY: boolean): { stream: { write(s: string): boolean; isTTY: boolean; columns: number }; text: () => string } => {
  let buf = "";
  return { stream: { write: (s: string) => ((buf += s), true), isTTY, columns: 100 }, text: () => buf };
};

test("plain output: epoch header, throttled progress lines, Keras-like epoch line", (t) => {
  const { stream, text } = capture(false);
  const p = new dl.report.Progress({ stream, plainEverySeconds: 0 });
  p.startEpoch(1, 3);
  p.update(1, 3, 10, 100, { loss: 0.5 });
  p.endEpoch(1, 3, 100, { loss: 0.25, accuracy: 0.98125 });
  const lines = text().trim().split("\n");
  t.is(lines[0], "Epoch 1/3");
  t.regex(lines[1]!, /^Epoch 1\/3  10\/100 ETA \d+:\d\d - loss: 0\.5000$/);
  t.regex(lines[2]!, /^Epoch 1\/3 - 100 steps - \d+\.\ds \d+ms\/step - loss: 0\.2500 - accuracy: 0\.9812$/);
  t.false(text().includes("\r"));
});

test("TTY output redraws one line with a bar", (t) => {
  const { stream, text } = capture(true);
  const p = new dl.report.Progress({ stream });
  p.startEpoch(2, 3);
  p.update(2, 3, 50, 100, { loss: 1e-5 });
  t.regex(text(), /^\rEpoch 2\/3  50\/100 \[=+>\.+\] ETA \d+:\d\d - loss: 1\.000e-5\x1b\[K$/);
  t.is(new dl.report.Progress({ stream, quiet: true }).refreshMs, 200);
});

test("history JSONL and an HTML plot with one SVG chart per metric", (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dl-report-"));
  const rows = [
    { epoch: 1, step: 10, seconds: 1, loss: 0.9, accuracy: 0.8 },
    { epoch: 2, step: 20, seconds: 1, loss: 0.4, accuracy: 0.9 },
  ];
  dl.report.writeHistory(dir, rows);
  t.deepEqual(fs.readFileSync(path.join(dir, "history.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l)), rows);
  const html = fs.readFileSync(dl.report.writePlot(dir, "a <b>", rows), "utf8");
  t.is(html.match(/<svg/g)!.length, 2);
  t.true(html.includes("a &lt;b&gt;"));
  fs.rmSync(dir, { recursive: true });
});

test("formatting", (t) => {
  t.is(dl.report.formatDuration(3725), "1:02:05");
  t.is(dl.report.formatValue(NaN), "NaN");
  t.is(dl.report.formatValue(123456), "1.235e+5");
});
