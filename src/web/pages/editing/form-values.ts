import type { z } from 'zod';
import type { Locale } from '../../../domain/locale';
import { formatJsonPath } from '../../../domain/validation';
import { ApiError } from '../../api';
import { translateValidationMessage } from './editing.messages';

/*
 * What the editing forms share: inputs hold text, the payload is built from it, and the domain's own
 * schema checks the payload before it is sent — so the message next to a field is the one the API would
 * give, and a clerk sees it without a round trip.
 */

/** 全角の数字・記号 (１２．５, －３) become ASCII, as Japanese input methods often type them. */
export function normaliseDigits(text: string): string {
  return text.replace(/[０-９．－ー，]/g, (character) => {
    if (character === '．') return '.';
    if (character === '－' || character === 'ー') return '-';
    if (character === '，') return '';
    return String.fromCharCode(character.charCodeAt(0) - 0xfee0);
  });
}

/** A number field: empty → undefined (not given); anything else → its number (NaN is reported by the schema). */
export function parseNumber(text: string): number | undefined {
  const trimmed = normaliseDigits(text).replace(/,/g, '').trim();
  if (trimmed === '') return undefined;
  return Number(trimmed);
}

/** An optional text field: blank → undefined, so that a cleared field is removed, not stored empty. */
export function optionalText(text: string): string | undefined {
  return text.trim() === '' ? undefined : text;
}

export function numberToText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

export type FieldErrors = Record<string, string>;

/** The first message for each field path (`title`, `ratingScale[1].min`) the schema finds wrong. */
export function collectFieldErrors(schema: z.ZodType, payload: unknown): FieldErrors {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return {};
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = formatJsonPath(issue.path);
    errors[path] ??= issue.message;
  }
  return errors;
}

/**
 * The message for a field: the form's own check first (in the screen's language), then what the API
 * said about it (in Japanese, as the API writes it).
 */
export function pickFieldError({
  errors,
  apiError,
  path,
  locale,
}: {
  errors: FieldErrors;
  apiError: unknown;
  path: string;
  locale: Locale;
}): string | undefined {
  const own = errors[path];
  if (own) return translateValidationMessage(own, locale);
  return apiError instanceof ApiError ? apiError.issueFor(path) : undefined;
}

export function isConflict(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === 'record.conflict';
}

/** The record a 409 carries as `details.current`, when it has one. */
export function readConflictCurrent(error: unknown): { version: number } | null {
  if (!isConflict(error)) return null;
  const details = error.details as { current?: unknown } | null | undefined;
  const current = details?.current;
  if (typeof current !== 'object' || current === null) return null;
  return typeof (current as { version?: unknown }).version === 'number'
    ? (current as { version: number })
    : null;
}
