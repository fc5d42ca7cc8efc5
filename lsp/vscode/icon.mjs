// Draws the extension's icon (128×128 PNG): a small network, three layers of nodes joined by
// edges, on a rounded dark square. Generated at build time so no binary lives in the repository.
import pngjs from "pngjs";

const size = 128;

/** The icon as PNG bytes. */
export function drawIcon() {
  const png = new pngjs.PNG({ width: size, height: size });
  const put = (x, y, [r, g, b], a = 1) => {
    if (x < 0 || y < 0 || x >= size || y >= size) return;
    const i = (size * Math.floor(y) + Math.floor(x)) * 4;
    const d = png.data;
    const k = a + (d[i + 3] / 255) * (1 - a);
    const mix = (c, o) => Math.round((c * a + o * (d[i + 3] / 255) * (1 - a)) / (k || 1));
    d[i] = mix(r, d[i]);
    d[i + 1] = mix(g, d[i + 1]);
    d[i + 2] = mix(b, d[i + 2]);
    d[i + 3] = Math.round(k * 255);
  };
  // Rounded square background (radius 22), anti-aliased at the corners.
  const radius = 22;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cx = Math.min(Math.max(x + 0.5, radius), size - radius);
      const cy = Math.min(Math.max(y + 0.5, radius), size - radius);
      const dist = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
      const a = Math.min(1, Math.max(0, radius - dist + 0.5));
      if (a > 0) put(x, y, [24, 32, 56 + Math.round((40 * y) / size)], a);
    }
  }
  const layers = [
    [40, 64, 88],
    [30, 52, 76, 98],
    [52, 76],
  ].map((ys, i) => ys.map((y) => [28 + 36 * i, y]));
  // Edges between consecutive layers.
  for (let l = 0; l + 1 < layers.length; l++) {
    for (const [x0, y0] of layers[l]) {
      for (const [x1, y1] of layers[l + 1]) {
        const steps = Math.ceil(Math.hypot(x1 - x0, y1 - y0) * 2);
        for (let s = 0; s <= steps; s++) {
          const t = s / steps;
          const x = x0 + (x1 - x0) * t;
          const y = y0 + (y1 - y0) * t;
          for (const [dx, dy] of [[0, 0], [0.5, 0], [0, 0.5]]) put(x + dx, y + dy, [120, 170, 255], 0.35);
        }
      }
    }
  }
  // Nodes: filled discs with a soft edge; the output layer in orange.
  layers.forEach((nodes, l) => {
    const colour = l === layers.length - 1 ? [255, 170, 60] : [130, 200, 255];
    for (const [nx, ny] of nodes) {
      for (let y = ny - 9; y <= ny + 9; y++) {
        for (let x = nx - 9; x <= nx + 9; x++) {
          const a = Math.min(1, Math.max(0, 7.5 - Math.hypot(x + 0.5 - nx, y + 0.5 - ny)));
          if (a > 0) put(x, y, colour, a);
        }
      }
    }
  });
  return pngjs.PNG.sync.write(png);
}
