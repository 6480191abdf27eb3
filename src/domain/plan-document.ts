import { AppError } from './app-error.js';
import { type PlanDocument, planDocumentSchema } from './plan.schemas.js';
import { formatZodIssues } from './validation.js';

/**
 * Validates a parsed plan file. Every problem is reported at once, each with its JSON path, and nothing
 * is returned unless the whole document is valid: an import is all or nothing.
 */
export function parsePlanDocument(input: unknown): PlanDocument {
  const parsed = planDocumentSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError({ code: 'plan.invalid_document', issues: formatZodIssues(parsed.error.issues) });
  }
  return parsed.data;
}

/** Parses the text of a plan file; a JSON syntax error is reported with its position. */
export function parsePlanDocumentText(text: string): PlanDocument {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError({
      code: 'plan.invalid_document',
      message: 'JSONとして読み取れません',
      issues: [{ path: '', message: `JSONの書き方に誤りがあります（${detail}）` }],
    });
  }
  return parsePlanDocument(json);
}
