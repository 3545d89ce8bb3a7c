// Draws Lantern's app icons (a warm light in a lantern frame) into public/icons/ with pngjs.
// Run: npx tsx scripts/make-icons.ts — the PNGs are committed; rerun only to change the design.
import { PNG } from 'pngjs';
import { mkdirSync, writeFileSync } from 'node:fs';

type RGBA = [number, number, number, number];
const BG: RGBA = [31, 95, 91, 255]; // theme colour
const FRAME: RGBA = [251, 250, 247, 255];
const LIGHT: RGBA = [253, 214, 99, 255];

/** Coverage of a shape at pixel (x, y), 4×4 supersampled for smooth edges. */
function coverage(inside: (x: number, y: number) => boolean, x: number, y: number): number {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) hits++;
  return hits / 16;
}

function roundedRect(cx: number, cy: number, w: number, h: number, r: number) {
  return (x: number, y: number) => {
    const dx = Math.max(Math.abs(x - cx) - (w / 2 - r), 0);
    const dy = Math.max(Math.abs(y - cy) - (h / 2 - r), 0);
    return dx * dx + dy * dy <= r * r;
  };
}

function draw(size: number, maskable: boolean): Buffer {
  const png = new PNG({ width: size, height: size });
  // Maskable icons are full-bleed with the glyph inside the 80% safe zone; "any" icons are a rounded tile.
  const tile = maskable ? () => true : roundedRect(size / 2, size / 2, size, size, size * 0.22);
  const s = maskable ? size * 0.62 : size * 0.78; // glyph box
  const cx = size / 2;
  const top = size / 2 - s / 2;
  const layers: [(x: number, y: number) => boolean, RGBA][] = [
    [tile, BG],
    // handle ring
    [
      (x, y) => {
        const d = Math.hypot(x - cx, y - (top + s * 0.1));
        return d <= s * 0.1 && d >= s * 0.055;
      },
      FRAME,
    ],
    // cap
    [roundedRect(cx, top + s * 0.24, s * 0.5, s * 0.09, s * 0.03), FRAME],
    // body frame
    [roundedRect(cx, top + s * 0.56, s * 0.56, s * 0.56, s * 0.08), FRAME],
    // glass
    [roundedRect(cx, top + s * 0.56, s * 0.42, s * 0.44, s * 0.05), BG],
    // flame
    [
      (x, y) => {
        const dx = (x - cx) / (s * 0.11);
        const dy = (y - (top + s * 0.6)) / (s * 0.16);
        return dx * dx + dy * dy <= 1 && (dy > 0 || Math.abs(dx) <= (1 + dy) * 0.95);
      },
      LIGHT,
    ],
    // base
    [roundedRect(cx, top + s * 0.88, s * 0.46, s * 0.07, s * 0.03), FRAME],
  ];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let px: RGBA = [0, 0, 0, 0];
      for (const [shape, colour] of layers) {
        const a = coverage(shape, x, y);
        if (a === 0) continue;
        const under = px;
        px = [0, 1, 2, 3].map((i) => Math.round((i === 3 ? 255 : colour[i]) * a + under[i] * (1 - a))) as RGBA;
      }
      png.data.set(px, (y * size + x) * 4);
    }
  }
  return PNG.sync.write(png);
}

mkdirSync('public/icons', { recursive: true });
for (const size of [192, 512]) {
  writeFileSync(`public/icons/icon-${size}.png`, draw(size, false));
  writeFileSync(`public/icons/icon-maskable-${size}.png`, draw(size, true));
}
console.log('wrote public/icons/icon-{192,512}.png and icon-maskable-{192,512}.png');
