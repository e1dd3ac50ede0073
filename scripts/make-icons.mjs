// Writes the ribbon and manifest icons (assets/icon-<size>.png) with a tiny hand-built PNG encoder, so the
// icons are reproducible from source without an image tool. Run: node scripts/make-icons.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZES = [16, 32, 64, 80, 128];
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
/** RGBA pixels (Uint8Array, width*height*4) → PNG bytes (8-bit RGBA, filter 0 on every line). */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// The glyph, in a unit square: a rounded tile (Excel green) holding three bars of falling length, the
// "segments" of a customer base. Colours: white, mint, amber.
const TILE = [16, 124, 65];
const BARS = [
  { y0: 0.22, y1: 0.36, x1: 0.8, color: [255, 255, 255] },
  { y0: 0.43, y1: 0.57, x1: 0.62, color: [160, 232, 190] },
  { y0: 0.64, y1: 0.78, x1: 0.42, color: [255, 196, 64] },
];
function inRoundedRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
function sample(x, y) {
  for (const b of BARS) if (inRoundedRect(x, y, 0.2, b.y0, b.x1, b.y1, 0.035)) return [...b.color, 255];
  if (inRoundedRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.18)) return [...TILE, 255];
  return [0, 0, 0, 0];
}
function render(size) {
  const ss = 4; // 4×4 supersampling for smooth edges at 16 px
  const px = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = sample((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size);
          // premultiply so transparent samples do not darken the edges
          acc[0] += c[0] * c[3];
          acc[1] += c[1] * c[3];
          acc[2] += c[2] * c[3];
          acc[3] += c[3];
        }
      }
      const i = (y * size + x) * 4;
      const a = acc[3];
      px[i] = a ? Math.round(acc[0] / a) : 0;
      px[i + 1] = a ? Math.round(acc[1] / a) : 0;
      px[i + 2] = a ? Math.round(acc[2] / a) : 0;
      px[i + 3] = Math.round(a / (ss * ss));
    }
  }
  return px;
}

mkdirSync(OUT, { recursive: true });
for (const size of SIZES) {
  const file = join(OUT, `icon-${size}.png`);
  writeFileSync(file, encodePng(size, size, render(size)));
  console.log(`wrote ${file}`);
}
