// Renders the PWA's PNG icons (public/icon-192.png, public/icon-512.png) with a tiny PNG encoder:
// the maple-leaf disc and bridge arc of icon.svg on the navy tile. Run: node scripts/render-pwa-icons.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
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
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** RGBA pixels (size × size × 4) to a PNG file. */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const NAVY = [0x1d, 0x3c, 0x78];
const LEAF = [0xe8, 0x53, 0x2f];
const WHITE = [0xff, 0xff, 0xff];

/** The colour at a point of the unit square (0..1), or null outside the rounded tile. */
function colourAt(x, y) {
  const r = 96 / 512;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if (Math.hypot(x - cx, y - cy) > r) return null;
  // Bridge: an arc band and three posts.
  const arc = Math.hypot(x - 0.5, (y - 0.79) * 1.5);
  if (y < 0.79 && arc > 0.3 && arc < 0.355) return WHITE;
  for (const px of [160 / 512, 0.5, 352 / 512]) if (Math.abs(x - px) < 0.02 && y > 0.66 && y < 0.79) return WHITE;
  // Leaf: a five-lobed star.
  const dx = x - 0.5;
  const dy = y - 0.33;
  const angle = Math.atan2(dy, dx);
  const lobes = 0.16 + 0.05 * Math.cos(5 * (angle + Math.PI / 2));
  if (Math.hypot(dx, dy) < lobes) return LEAF;
  return NAVY;
}

function render(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = (y * size + x) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
      }
      rgba[o + 3] = Math.round((255 * a) / (samples * samples));
    }
  }
  return encodePng(size, rgba);
}

const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'web', 'public');
for (const size of [192, 512]) writeFileSync(path.join(publicDir, `icon-${size}.png`), render(size));
