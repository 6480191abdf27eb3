import { AppError } from './app-error.js';

/**
 * Evidence files (写真・資料): which kinds are accepted and how they are recognised. The type is read
 * from the bytes (magic numbers), never from the browser's word or the file name alone, so that a
 * script renamed to .jpg is refused and a photo is always served as the image it is.
 */

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

export type EvidenceKind = 'photo' | 'file';

export interface EvidenceType {
  kind: EvidenceKind;
  contentType: string;
  /** What a clerk calls it. */
  label: string;
}

export const photoContentTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** For the file chooser: what may be picked. */
export const evidenceAcceptAttribute =
  '.jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx,.pptx,.doc,.xls,.ppt,image/jpeg,image/png,image/webp,application/pdf';

export const evidenceTypesDescription =
  '写真（JPEG・PNG・WebP）、PDF、Word・Excel・PowerPoint のファイル（10MBまで）';

const types = {
  jpeg: { kind: 'photo', contentType: 'image/jpeg', label: 'JPEG 画像' },
  png: { kind: 'photo', contentType: 'image/png', label: 'PNG 画像' },
  webp: { kind: 'photo', contentType: 'image/webp', label: 'WebP 画像' },
  pdf: { kind: 'file', contentType: 'application/pdf', label: 'PDF' },
  docx: {
    kind: 'file',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word 文書',
  },
  xlsx: {
    kind: 'file',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel ブック',
  },
  pptx: {
    kind: 'file',
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    label: 'PowerPoint プレゼンテーション',
  },
  doc: { kind: 'file', contentType: 'application/msword', label: 'Word 文書（旧形式）' },
  xls: { kind: 'file', contentType: 'application/vnd.ms-excel', label: 'Excel ブック（旧形式）' },
  ppt: {
    kind: 'file',
    contentType: 'application/vnd.ms-powerpoint',
    label: 'PowerPoint プレゼンテーション（旧形式）',
  },
} as const satisfies Record<string, EvidenceType>;

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  return prefix.every((byte, i) => bytes[offset + i] === byte);
}

function ascii(text: string): number[] {
  return [...text].map((char) => char.charCodeAt(0));
}

/** Whether `text` (ASCII) occurs in the bytes between `from` and `to`. */
function containsAscii(bytes: Uint8Array, text: string, from: number, to: number): boolean {
  const needle = ascii(text);
  const end = Math.min(to, bytes.length) - needle.length;
  const first = needle[0];
  for (let i = Math.max(0, from); i <= end; i++) {
    if (bytes[i] !== first) continue;
    let j = 1;
    while (j < needle.length && bytes[i + j] === needle[j]) j++;
    if (j === needle.length) return true;
  }
  return false;
}

/**
 * An Office Open XML package is a ZIP whose entry names say what it is (`word/…`, `xl/…`, `ppt/…`).
 * The names stand uncompressed in the local headers at the start and the central directory at the end.
 */
function detectOfficeOpenXml(bytes: Uint8Array): EvidenceType | null {
  const window = 256 * 1024;
  const has = (name: string) =>
    containsAscii(bytes, name, 0, window) || containsAscii(bytes, name, bytes.length - window, bytes.length);
  if (!has('[Content_Types].xml')) return null;
  if (has('word/')) return types.docx;
  if (has('xl/')) return types.xlsx;
  if (has('ppt/')) return types.pptx;
  return null;
}

function extensionOf(fileName: string): string {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(fileName);
  return match ? match[1]!.toLowerCase() : '';
}

/** The type of an allowed file from its content, or null for anything else. */
export function detectEvidenceType({
  bytes,
  fileName,
}: {
  bytes: Uint8Array;
  fileName: string;
}): EvidenceType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return types.jpeg;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return types.png;
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return types.webp;
  if (startsWith(bytes, ascii('%PDF-'))) return types.pdf;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return detectOfficeOpenXml(bytes);
  // The old Office formats share one container; only the extension tells them apart.
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const extension = extensionOf(fileName);
    if (extension === 'doc') return types.doc;
    if (extension === 'xls') return types.xls;
    if (extension === 'ppt') return types.ppt;
  }
  return null;
}

/**
 * The name to keep and offer for download: no folders, no control characters, at most 200 characters,
 * never empty.
 */
export function sanitizeFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).at(-1) ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return 'file';
  if (cleaned.length <= 200) return cleaned;
  const extension = extensionOf(cleaned);
  return extension ? `${cleaned.slice(0, 190)}.${extension}` : cleaned.slice(0, 200);
}

/**
 * Checks an upload and says what it is: `evidence.too_large` above the limit, `evidence.invalid_file`
 * for an empty file or a type that is not on the list.
 */
export function ensureEvidenceFile({
  bytes,
  fileName,
}: {
  bytes: Uint8Array;
  fileName: string;
}): EvidenceType {
  if (bytes.length > EVIDENCE_MAX_BYTES) {
    throw new AppError({
      code: 'evidence.too_large',
      message: `ファイルが大きすぎます（${formatFileSize(bytes.length)}）。10MB以下のファイルにしてください`,
    });
  }
  if (bytes.length === 0) {
    throw new AppError({ code: 'evidence.invalid_file', message: 'ファイルが空です' });
  }
  const type = detectEvidenceType({ bytes, fileName });
  if (!type) {
    throw new AppError({
      code: 'evidence.invalid_file',
      message: `「${sanitizeFileName(fileName)}」は登録できない種類のファイルです。登録できるのは${evidenceTypesDescription}です`,
    });
  }
  return type;
}

/** 1.2 MB, 350 KB. */
export function formatFileSize(size: number): string {
  if (size >= 1024 * 1024) return `${(size / (1024 * 1024)).toFixed(1)}MB`;
  if (size >= 1024) return `${Math.ceil(size / 1024)}KB`;
  return `${size}B`;
}
