import type { z } from 'zod';

/** One problem in an input, with the JSON path a clerk can follow: `plan.nodes[0].actions[2].title`. */
export interface ValidationIssue {
  path: string;
  message: string;
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['plan', 'nodes', 0, 'title']` → `plan.nodes[0].title`; keys that are not identifiers are quoted. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let formatted = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      formatted += `[${segment}]`;
    } else {
      const name = String(segment);
      if (identifier.test(name)) {
        formatted += formatted === '' ? name : `.${name}`;
      } else {
        formatted += `[${JSON.stringify(name)}]`;
      }
    }
  }
  return formatted;
}

export function formatZodIssues(issues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  return issues.map((issue) => ({ path: formatJsonPath(issue.path), message: issue.message }));
}

/** One line per issue, `path: message`, for a terminal or a log. */
export function formatIssueLines(issues: readonly ValidationIssue[]): string[] {
  return issues.map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`));
}
