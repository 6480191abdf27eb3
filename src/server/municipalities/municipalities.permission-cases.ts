import { randomInt } from 'node:crypto';
import { computeMunicipalityCheckDigit } from '../../domain/municipality-code.js';
import type { PermissionCase } from '../permission-matrix.fixture.js';

/** A valid code no test municipality uses (the 9xxxx range is not assigned to any municipality). */
function buildUnusedMunicipalityCode(): string {
  const firstFive = `9${String(randomInt(10_000)).padStart(4, '0')}`;
  return `${firstFive}${computeMunicipalityCheckDigit(firstFive)}`;
}

export const municipalityPermissionCases: PermissionCase[] = [
  {
    route: 'POST /api/municipalities',
    // Registering a municipality is the deployment operator's.
    allowed: ['superAdmin'],
    request: () => ({
      method: 'POST',
      url: '/api/municipalities',
      payload: { code: buildUnusedMunicipalityCode(), name: '架空市', prefecture: '架空県' },
    }),
  },
];
