import { describe, expect, test } from 'vitest';
import { isEtagFresh } from './replies.js';

describe('isEtagFresh', () => {
  test('the same ETag, weak or strong, in a list or alone, is fresh', () => {
    expect(isEtagFresh({ ifNoneMatch: '"abc"', etag: '"abc"' })).toBe(true);
    expect(isEtagFresh({ ifNoneMatch: 'W/"abc"', etag: '"abc"' })).toBe(true);
    expect(isEtagFresh({ ifNoneMatch: '"x", "abc"', etag: '"abc"' })).toBe(true);
    expect(isEtagFresh({ ifNoneMatch: '*', etag: '"abc"' })).toBe(true);
  });

  test('another ETag or none is not fresh', () => {
    expect(isEtagFresh({ ifNoneMatch: '"x"', etag: '"abc"' })).toBe(false);
    expect(isEtagFresh({ ifNoneMatch: undefined, etag: '"abc"' })).toBe(false);
  });
});
