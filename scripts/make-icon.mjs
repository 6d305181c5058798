#!/usr/bin/env node
// Draws images/icon.png (128×128): lines of text under a magnifying lens. Run once; the PNG is committed.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const N = 128, S = 4; // size, supersampling per axis
const bg = [22, 58, 102], paper = [245, 247, 250], ink = [120, 132, 150], lens = [255, 196, 46];

function colourAt(x, y) {
  // rounded square background
  const r = 22, cx = Math.min(Math.max(x, r), N - r), cy = Math.min(Math.max(y, r), N - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  // handle of the lens: a thick segment from the ring towards the bottom right
  const hx0 = 84, hy0 = 84, hx1 = 112, hy1 = 112, t = Math.max(0, Math.min(1, ((x - hx0) * (hx1 - hx0) + (y - hy0) * (hy1 - hy0)) / ((hx1 - hx0) ** 2 + (hy1 - hy0) ** 2)));
  const dh = Math.hypot(x - (hx0 + t * (hx1 - hx0)), y - (hy0 + t * (hy1 - hy0)));
  if (dh < 7) return lens;
  const d = Math.hypot(x - 58, y - 58);
  if (d >= 34 && d <= 42) return lens;
  const inLens = d < 34;
  // lines of text: thin outside the lens, bold and dark inside it
  const rows = [30, 44, 58, 72, 86, 100];
  for (const ry of rows) {
    const w = inLens ? 4 : 2.5, len = ry % 28 === 2 ? 80 : 100;
    if (Math.abs(y - ry) < w && x > 16 && x < 16 + len) return inLens ? [22, 58, 102] : ink;
  }
  return inLens ? paper : bg;
}

const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0;
  for (let x = 0; x < N; x++) {
    let rr = 0, gg = 0, bb = 0, aa = 0;
    for (let sy = 0; sy < S; sy++) for (let sx = 0; sx < S; sx++) {
      const c = colourAt(x + (sx + 0.5) / S, y + (sy + 0.5) / S);
      if (c) { rr += c[0]; gg += c[1]; bb += c[2]; aa++; }
    }
    const o = y * (N * 4 + 1) + 1 + x * 4;
    raw[o] = aa ? rr / aa : 0; raw[o + 1] = aa ? gg / aa : 0; raw[o + 2] = aa ? bb / aa : 0; raw[o + 3] = (aa * 255) / (S * S);
  }
}
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
}
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6;
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
