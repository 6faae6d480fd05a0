import zlib from 'node:zlib';

/** A decoded PNG: `rgba` holds 4 bytes per pixel, row by row. */
export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  readonly rgba: Buffer;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which the PNG format requires to come first. */
export function readPngSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * Decodes an 8-bit RGBA, non-interlaced PNG (the only kind the app icons are), so tests can check pixels
 * without an image library. Throws for any other kind rather than guessing.
 */
export function decodePng(bytes: Buffer): DecodedPng {
  const { width, height } = readPngSize(bytes);
  const bitDepth = bytes.readUInt8(24);
  const colourType = bytes.readUInt8(25);
  const interlace = bytes.readUInt8(28);
  if (bitDepth !== 8 || colourType !== 6 || interlace !== 0) {
    throw new Error(`only 8-bit RGBA non-interlaced PNGs are supported, got depth ${bitDepth}, colour type ${colourType}, interlace ${interlace}`);
  }
  const idat: Buffer[] = [];
  for (let offset = 8; offset < bytes.length; ) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    if (type === 'IDAT') idat.push(bytes.subarray(offset + 8, offset + 8 + length));
    if (type === 'IEND') break;
    offset += 12 + length;
  }
  return { width, height, rgba: unfilter(zlib.inflateSync(Buffer.concat(idat)), width, height) };
}

/** Reverses the per-row filters of PNG (None, Sub, Up, Average, Paeth) for 4 bytes per pixel. */
function unfilter(data: Buffer, width: number, height: number): Buffer {
  const bpp = 4;
  const stride = width * bpp;
  const out = Buffer.alloc(stride * height);
  const at = (buffer: Buffer, index: number): number => (index >= 0 ? buffer.readUInt8(index) : 0);
  for (let y = 0; y < height; y++) {
    const filter = data.readUInt8(y * (stride + 1));
    const row = y * (stride + 1) + 1;
    for (let x = 0; x < stride; x++) {
      const raw = data.readUInt8(row + x);
      const left = x >= bpp ? at(out, y * stride + x - bpp) : 0;
      const up = y > 0 ? at(out, (y - 1) * stride + x) : 0;
      const upLeft = x >= bpp && y > 0 ? at(out, (y - 1) * stride + x - bpp) : 0;
      let predictor: number;
      switch (filter) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = left;
          break;
        case 2:
          predictor = up;
          break;
        case 3:
          predictor = Math.floor((left + up) / 2);
          break;
        case 4:
          predictor = paeth(left, up, upLeft);
          break;
        default:
          throw new Error(`unknown PNG filter ${filter} in row ${y}`);
      }
      out.writeUInt8((raw + predictor) & 0xff, y * stride + x);
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}
