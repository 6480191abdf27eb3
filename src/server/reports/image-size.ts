import { inflateSync } from 'node:zlib';

/**
 * The pixel size of a PNG or JPEG, read from its header, so that a photo keeps its proportions when a
 * report fits it on the page. Null for anything else or a header that does not parse.
 */
export function readImageSize(bytes: Uint8Array): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // PNG: the signature, then the IHDR chunk with width and height.
  if (bytes.length >= 24 && view.getUint32(0) === 0x89504e47 && view.getUint32(12) === 0x49484452) {
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  // JPEG: walk the segments to the first start-of-frame marker.
  if (bytes.length < 4 || view.getUint16(0) !== 0xffd8) return null;
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1]!;
    const length = view.getUint16(offset + 2);
    const isStartOfFrame =
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
    offset += 2 + length;
  }
  return null;
}

/** The largest size within the box that keeps the image's proportions. */
export function fitWithin({
  size,
  maxWidth,
  maxHeight,
}: {
  size: { width: number; height: number };
  maxWidth: number;
  maxHeight: number;
}): { width: number; height: number } {
  const scale = Math.min(maxWidth / size.width, maxHeight / size.height, 1);
  return { width: Math.round(size.width * scale), height: Math.round(size.height * scale) };
}

/** The compressed image data of a PNG (its IDAT chunks, in order), or null when the chunks do not parse. */
function readPngData(bytes: Uint8Array): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  let offset = 8;
  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (end > bytes.length) return null;
    if (type === 'IDAT') parts.push(bytes.subarray(offset + 8, offset + 8 + length));
    if (type === 'IEND') return Buffer.concat(parts);
    offset = end;
  }
  return null;
}

/**
 * Whether a photo can go into a report: a JPEG or PNG whose header gives its size and, for a PNG, whose
 * pixel data inflates (the PDF library would otherwise fail half-way through the report).
 */
export function isEmbeddableImage({
  bytes,
  contentType,
}: {
  bytes: Uint8Array;
  contentType: string;
}): boolean {
  if (contentType !== 'image/jpeg' && contentType !== 'image/png') return false;
  if (!readImageSize(bytes)) return false;
  if (contentType === 'image/jpeg') return true;
  const data = readPngData(bytes);
  if (!data) return false;
  try {
    inflateSync(data);
    return true;
  } catch {
    return false;
  }
}
