import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { permissionCases } from './permission-cases.js';
import { createMatrixContext, type MatrixContext, matrixActors } from './permission-matrix.fixture.js';
import { listRegisteredRoutes } from './route-registry.js';

/*
 * The permission matrix: every API route that is not public, tried by every kind of user — the
 * super-admin, the municipality's admin, an editor of the record's department and of another one, a
 * viewer, another municipality's admin and a visitor — and each must be let through or refused exactly
 * as the policy says. Refused means 401 for a visitor and 403 (or 404, never revealing another
 * municipality's data) for a signed-in user; let through means anything but those.
 */

let context: MatrixContext;

beforeAll(async () => {
  context = await createMatrixContext();
});

afterAll(async () => {
  await context?.close();
});

describe('the permission matrix', () => {
  test('covers every API route that needs a login', () => {
    const guarded = listRegisteredRoutes(context.app)
      .filter((route) => route.url.startsWith('/api/') && !route.public && !route.url.startsWith('/api/docs'))
      .filter((route) => route.url !== '/api/health')
      .map((route) => `${route.method} ${route.url}`);
    const covered = new Set(permissionCases.map((permissionCase) => permissionCase.route));
    expect(guarded.filter((route) => !covered.has(route))).toEqual([]);
    expect([...covered].filter((route) => !guarded.includes(route))).toEqual([]);
  });

  for (const permissionCase of permissionCases) {
    test(`${permissionCase.route}: allowed to ${permissionCase.allowed.join(', ')}`, async () => {
      const outcomes: string[] = [];
      for (const actor of matrixActors) {
        const response = await context.send(actor, await permissionCase.request(context));
        const allowed = permissionCase.allowed.includes(actor);
        const refused = actor === 'visitor' ? [401] : [403, 404];
        const wasRefused = refused.includes(response.statusCode) || response.statusCode === 401;
        if (response.statusCode >= 500) outcomes.push(`${actor}: server error ${response.body}`);
        else if (allowed && wasRefused)
          outcomes.push(`${actor}: refused with ${response.statusCode} but should be allowed`);
        else if (!allowed && !refused.includes(response.statusCode)) {
          outcomes.push(`${actor}: got ${response.statusCode} but should be refused (${refused.join('/')})`);
        }
      }
      expect(outcomes).toEqual([]);
    });
  }
});
