import { describe, expect, test } from 'vitest';
import { AppError } from './app-error.js';
import {
  detectEvidenceType,
  EVIDENCE_MAX_BYTES,
  ensureEvidenceFile,
  formatFileSize,
  sanitizeFileName,
} from './evidence.js';

const bytes = (...values: (number | string)[]) =>
  Uint8Array.from(
    values.flatMap((value) => (typeof value === 'string' ? [...value].map((c) => c.charCodeAt(0)) : [value])),
  );

const png = bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'IHDR');
const jpeg = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16, 'JFIF');
const webp = bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 ');
const pdf = bytes('%PDF-1.7\n');
const zip = (...names: string[]) =>
  bytes(0x50, 0x4b, 0x03, 0x04, 20, 0, ...names.flatMap((name) => [name, 0]));
const ole = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0);

describe('recognising evidence files by their content', () => {
  test('photos are recognised as JPEG, PNG and WebP whatever they are called', () => {
    expect(detectEvidenceType({ bytes: jpeg, fileName: 'IMG_0001.JPG' })?.contentType).toBe('image/jpeg');
    expect(detectEvidenceType({ bytes: png, fileName: 'photo.jpg' })?.contentType).toBe('image/png');
    expect(detectEvidenceType({ bytes: webp, fileName: 'x' })).toMatchObject({
      kind: 'photo',
      contentType: 'image/webp',
    });
  });

  test('PDF and Office files are files, the Office ones told apart by the package’s entries', () => {
    expect(detectEvidenceType({ bytes: pdf, fileName: 'a.pdf' })?.kind).toBe('file');
    expect(
      detectEvidenceType({ bytes: zip('[Content_Types].xml', 'word/document.xml'), fileName: 'a.docx' })
        ?.contentType,
    ).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(
      detectEvidenceType({ bytes: zip('[Content_Types].xml', 'xl/workbook.xml'), fileName: 'a.xlsx' })?.label,
    ).toBe('Excel ブック');
    expect(
      detectEvidenceType({ bytes: zip('[Content_Types].xml', 'ppt/presentation.xml'), fileName: 'a.pptx' })
        ?.label,
    ).toBe('PowerPoint プレゼンテーション');
  });

  test('a plain ZIP, an old Office file with an unknown extension, HTML and a script are refused', () => {
    expect(detectEvidenceType({ bytes: zip('evil.exe'), fileName: 'a.zip' })).toBeNull();
    expect(detectEvidenceType({ bytes: ole, fileName: 'a.msi' })).toBeNull();
    expect(detectEvidenceType({ bytes: bytes('<html><script>'), fileName: 'a.jpg' })).toBeNull();
    expect(detectEvidenceType({ bytes: bytes('MZ', 0x90, 0), fileName: 'a.png' })).toBeNull();
  });

  test('old Office files are told apart by their extension', () => {
    expect(detectEvidenceType({ bytes: ole, fileName: '報告.xls' })?.contentType).toBe(
      'application/vnd.ms-excel',
    );
    expect(detectEvidenceType({ bytes: ole, fileName: '報告.DOC' })?.contentType).toBe('application/msword');
  });
});

describe('checking an upload', () => {
  test('a file over 10 MB is refused as too large, with its size', () => {
    const big = new Uint8Array(EVIDENCE_MAX_BYTES + 1);
    big.set(jpeg);
    const run = () => ensureEvidenceFile({ bytes: big, fileName: 'big.jpg' });
    expect(run).toThrow(AppError);
    expect(run).toThrow('ファイルが大きすぎます（10.0MB）。10MB以下のファイルにしてください');
  });

  test('an empty file and a file of another kind are refused, naming what is allowed', () => {
    expect(() => ensureEvidenceFile({ bytes: new Uint8Array(0), fileName: 'a.png' })).toThrow(
      'ファイルが空です',
    );
    expect(() => ensureEvidenceFile({ bytes: bytes('#!/bin/sh'), fileName: 'run.sh' })).toThrow(
      /「run.sh」は登録できない種類のファイルです。登録できるのは写真（JPEG・PNG・WebP）/,
    );
  });
});

describe('file names', () => {
  test('folders, control characters and reserved characters are dropped, the extension kept', () => {
    expect(sanitizeFileName('C:\\Users\\clerk\\写真 1.jpg')).toBe('写真 1.jpg');
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('a"b<c>\u0000.png')).toBe('abc.png');
    expect(sanitizeFileName('..')).toBe('file');
    expect(sanitizeFileName(`${'長'.repeat(300)}.pdf`)).toBe(`${'長'.repeat(190)}.pdf`);
  });

  test('sizes read as a clerk expects', () => {
    expect(formatFileSize(512)).toBe('512B');
    expect(formatFileSize(350 * 1024)).toBe('350KB');
    expect(formatFileSize(1.25 * 1024 * 1024)).toBe('1.3MB');
  });
});
