/**
 * Hover right after an edit checks only the declaration under the cursor (`checkedAround`), not
 * the document: at every position of a document with imports, models that use models, layers,
 * train blocks and weights that move, that hover says exactly what the hover after the whole
 * check says, both with the last check's instances to reuse and with none.
 */
import test from "ava";
import { pathToFileURL } from "node:url";
import { DlDocuments } from "../../lsp/server/documents.js";
import { defaultSettings, type ServerContext } from "../../lsp/server/context.js";
import { hover } from "../../lsp/server/hover.js";
import { fixtureStd, tempDir } from "./helpers.js";

const source = `import { TinyNet } from "std/vision/tiny"
/// A block.
model Block(width: int = 8) {
  input x: f32[B, H, W, C]
  layer proj = conv2d(width, kernel=1)
  let h = x |> conv2d(width, kernel=3, padding=same) |> relu
  return h |> proj |> batchnorm
}

/// A network of blocks.
model Net(classes: int = 10) {
  input x: f32[B, 28, 28, 1]
  let f = x |> Block(8) |> Block(16) |> maxpool(2)
  return f |> flatten |> dense(classes)
}

model Broken() {
  input x: f32[B, 4]
  return x |> dense(3) |> relux
}

train pretrain {
  data d = mnist(split="train") |> batch(8)
  model net = Net()
  optimizer opt = adam(net, lr=1e-3)
  epochs 1
  for (x, y) in d {
    step opt minimize cross_entropy(net(x), y)
  }
}

train finetune {
  data d = mnist(split="train") |> batch(8)
  model net = Net()
  model tiny = TinyNet()
  init net from pretrain except dense_0
  freeze net.block_0
  optimizer opt = adam(net, lr=1e-4)
  epochs 1
  for (x, y) in d {
    let logits = net(x)
    step opt minimize cross_entropy(logits, y)
  }
}
`;

function context(): { cx: ServerContext; path: string } {
  const docs = new DlDocuments(fixtureStd);
  const uri = pathToFileURL(`${tempDir()}/hover-after-edit.dl`).href;
  const path = docs.didOpen(uri, 1, source);
  return { cx: { docs, settings: defaultSettings, roots: [], log: () => undefined }, path };
}

for (const reuse of [true, false]) {
  test(`hover before the document's check says what it says after it (${reuse ? "reusing the last check" : "nothing checked before"})`, (t) => {
    const { cx, path } = context();
    const doc = cx.docs.get(pathToFileURL(path).href)!;
    let compared = 0;
    let said = 0;
    for (let offset = 0; offset <= source.length; offset++) {
      // A new version of the document (as after an edit): nothing of its check is known.
      cx.docs.pipeline.invalidate(path);
      if (!reuse) cx.docs.pipeline.forget(path);
      t.true(cx.docs.pipeline.checkedAround(path, offset).partial, "the hover does not wait for the whole check");
      const before = hover(cx, doc, path, offset);
      cx.docs.pipeline.checked(path);
      const after = hover(cx, doc, path, offset);
      t.deepEqual(before, after, `hover at ${offset} (${JSON.stringify(source.slice(Math.max(0, offset - 10), offset))}|${JSON.stringify(source.slice(offset, offset + 10))})`);
      compared++;
      if (after) said++;
    }
    t.true(compared > 1000);
    t.true(said > 400, `hovers with something to say: ${said}`);
  });
}
