import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A real PNG (RGB) for tests that attach a photo: one colour, or with `texture` a pattern that compresses
 * about as badly as a photograph does.
 */
export function createTestPng({
  width,
  height,
  rgb,
  texture = false,
}: {
  width: number;
  height: number;
  rgb: [number, number, number];
  texture?: boolean;
}): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const pixels = Buffer.alloc(height * (width * 3 + 1));
  let offset = 0;
  for (let y = 0; y < height; y++) {
    pixels[offset++] = 0;
    for (let x = 0; x < width; x++) {
      // A deterministic scramble: neighbouring pixels differ, as in a photograph.
      const noise = texture ? ((x * 73856093) ^ (y * 19349663)) & 0x3f : 0;
      pixels[offset++] = (rgb[0] + noise) & 0xff;
      pixels[offset++] = (rgb[1] + noise) & 0xff;
      pixels[offset++] = (rgb[2] + noise) & 0xff;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
