import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { formatIssueLines, formatJsonPath, formatZodIssues } from './validation.js';

describe('formatJsonPath', () => {
  test('names and indexes read as a JavaScript path', () => {
    expect(formatJsonPath(['plan', 'nodes', 0, 'actions', 2, 'tasks', 1, 'progress'])).toBe(
      'plan.nodes[0].actions[2].tasks[1].progress',
    );
  });

  test('a key that is not an identifier is quoted', () => {
    expect(formatJsonPath(['departmentWeights', 'dx.office'])).toBe('departmentWeights["dx.office"]');
  });

  test('the root is an empty path', () => {
    expect(formatJsonPath([])).toBe('');
  });
});

describe('formatZodIssues', () => {
  test('each issue keeps its message and gets its path', () => {
    const schema = z.object({
      tasks: z.array(z.object({ progress: z.number().max(100, '100以下にしてください') })),
    });
    const result = schema.safeParse({ tasks: [{ progress: 50 }, { progress: 120 }] });

    const issues = formatZodIssues(result.error?.issues ?? []);

    expect(issues).toEqual([{ path: 'tasks[1].progress', message: '100以下にしてください' }]);
    expect(formatIssueLines(issues)).toEqual(['tasks[1].progress: 100以下にしてください']);
  });

  test('an issue at the root is printed as its message alone', () => {
    expect(formatIssueLines([{ path: '', message: 'JSON ではありません' }])).toEqual(['JSON ではありません']);
  });
});
