// The portal's icons, drawn from one description: three rising bars (the three grades) on the
// header's blue, the highest in the focus amber. `node scripts/icons.mjs` writes them to public/
// (favicon.ico with 16, 32 and 48 px, icon.svg, icon-192.png and icon-512.png for the web
// manifest, apple-touch-icon.png); tests/unit/icons.test.ts checks the committed files are these.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const BLUE = "#0f4c81"; // --color-brand-700 (app/globals.css)
const WHITE = "#ffffff";
const AMBER = "#f59e0b"; // the focus outline (app/globals.css)

/** The mark on a 512-unit square: rounded rectangles, back to front. */
function shapes(cornerRadius) {
  return [
    { x: 0, y: 0, w: 512, h: 512, r: cornerRadius, fill: BLUE },
    { x: 128, y: 272, w: 64, h: 96, r: 8, fill: WHITE },
    { x: 224, y: 208, w: 64, h: 160, r: 8, fill: WHITE },
    { x: 320, y: 144, w: 64, h: 224, r: 8, fill: AMBER },
  ];
}

export function svg(cornerRadius = 96) {
  const rects = shapes(cornerRadius).map(
    (s) => `  <rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${s.fill}"/>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">\n${rects.join("\n")}\n</svg>\n`;
}

function inside(s, x, y) {
  if (x < s.x || y < s.y || x > s.x + s.w || y > s.y + s.h) return false;
  const dx = Math.max(s.x + s.r - x, 0, x - (s.x + s.w - s.r));
  const dy = Math.max(s.y + s.r - y, 0, y - (s.y + s.h - s.r));
  return dx * dx + dy * dy <= s.r * s.r;
}

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** RGBA pixels of the mark at size × size, each pixel the average of 4 × 4 samples. */
function render(size, cornerRadius) {
  const list = shapes(cornerRadius).map((s) => ({ ...s, rgb: rgb(s.fill) }));
  const pixels = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = ((px + (sx + 0.5) / n) * 512) / size;
          const y = ((py + (sy + 0.5) / n) * 512) / size;
          const top = list.findLast((s) => inside(s, x, y));
          if (!top) continue;
          sum[0] += top.rgb[0];
          sum[1] += top.rgb[1];
          sum[2] += top.rgb[2];
          sum[3] += 255;
        }
      }
      const covered = sum[3] / 255;
      const o = (py * size + px) * 4;
      // Colour averaged over the covered samples only, coverage as alpha (no dark fringe).
      for (let c = 0; c < 3; c++) pixels[o + c] = covered ? Math.round(sum[c] / covered) : 0;
      pixels[o + 3] = Math.round(sum[3] / (n * n));
    }
  }
  return pixels;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function png(size, cornerRadius = 96) {
  const pixels = render(size, cornerRadius);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** An ICO file holding PNG images (every browser since IE 11 reads them). */
export function ico(sizes) {
  const images = sizes.map((size) => png(size));
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((image, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(sizes[i] % 256, entry);
    header.writeUInt8(sizes[i] % 256, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(image.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += image.length;
  });
  return Buffer.concat([header, ...images]);
}

/** Every file, by its name in public/. */
export function icons() {
  return {
    "favicon.ico": ico([16, 32, 48]),
    "icon.svg": Buffer.from(svg()),
    "icon-192.png": png(192),
    "icon-512.png": png(512),
    // iOS rounds the corners itself and shows transparency as black: a full square.
    "apple-touch-icon.png": png(180, 0),
  };
}

if (process.argv[1] === import.meta.filename) {
  const dir = path.resolve(import.meta.dirname, "..", "public");
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(icons())) {
    fs.writeFileSync(path.join(dir, name), content);
    console.log(`public/${name}: ${content.length} bytes`);
  }
}
