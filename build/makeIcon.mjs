#!/usr/bin/env node
// Draws the app icon — the renderer's favicon (renderer/public/favicon.svg: a blue rounded square
// with a white check mark) — as build/icon.png (512 px) and build/icon.ico (16–256 px, PNG
// entries, which Windows Vista and later read). Re-run after changing the drawing:
//   node build/makeIcon.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const here = dirname(fileURLToPath(import.meta.url));
const BLUE = [0x0b, 0x4f, 0x8a];
// The favicon's geometry in its 32-unit viewBox.
const RADIUS = 6;
const CHECK = [
  [9, 17],
  [14, 22],
  [23, 11],
];
const STROKE = 3.5;

function insideRoundedSquare(x, y) {
  const cx = Math.min(Math.max(x, RADIUS), 32 - RADIUS);
  const cy = Math.min(Math.max(y, RADIUS), 32 - RADIUS);
  return x >= 0 && y >= 0 && x <= 32 && y <= 32 && (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2;
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

function onCheck(x, y) {
  for (let i = 0; i + 1 < CHECK.length; i++) if (distanceToSegment(x, y, CHECK[i], CHECK[i + 1]) <= STROKE / 2) return true;
  return false;
}

/** One size, 4×4 supersampled: RGBA with the square's edge and the check anti-aliased. */
function draw(size) {
  const png = new PNG({ width: size, height: size });
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let cover = 0;
      let white = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = ((px + (sx + 0.5) / n) / size) * 32;
          const y = ((py + (sy + 0.5) / n) / size) * 32;
          if (!insideRoundedSquare(x, y)) continue;
          cover++;
          if (onCheck(x, y)) white++;
        }
      }
      const i = (py * size + px) * 4;
      const w = cover === 0 ? 0 : white / cover;
      png.data[i] = Math.round(BLUE[0] + (255 - BLUE[0]) * w);
      png.data[i + 1] = Math.round(BLUE[1] + (255 - BLUE[1]) * w);
      png.data[i + 2] = Math.round(BLUE[2] + (255 - BLUE[2]) * w);
      png.data[i + 3] = Math.round((255 * cover) / (n * n));
    }
  }
  return PNG.sync.write(png);
}

/** ICONDIR + ICONDIRENTRY per image, then the PNG bytes (width/height 0 means 256). */
export function icoFromPngs(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, e);
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt8(0, e + 2);
    header.writeUInt8(0, e + 3);
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((im) => im.png)]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(join(here, 'icon.png'), draw(512));
  const sizes = [16, 24, 32, 48, 64, 128, 256];
  writeFileSync(join(here, 'icon.ico'), icoFromPngs(sizes.map((size) => ({ size, png: draw(size) }))));
  process.stdout.write(`wrote ${join(here, 'icon.png')} and ${join(here, 'icon.ico')}\n`);
}
