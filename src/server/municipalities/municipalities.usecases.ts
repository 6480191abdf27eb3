import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import type { MunicipalityFields } from '../../domain/plan-editing.schemas.js';
import { type Actor, readableMunicipalityIds } from '../../domain/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { ensureCan } from '../authorization.js';
import {
  insertMunicipality,
  listMunicipalities,
  type MunicipalityRecord,
} from './municipalities.repository.js';

/** The municipalities the actor belongs to (all of them for a super-admin), by code, with their plan counts. */
export async function findMunicipalities({
  db,
  actor,
}: {
  db: Database;
  actor: Actor;
}): Promise<MunicipalityRecord[]> {
  const municipalities = await listMunicipalities({ db });
  const readable = readableMunicipalityIds(actor);
  return readable === null ? municipalities : municipalities.filter((m) => readable.includes(m.id));
}

/**
 * Registers a municipality (the deployment's operator only): its 全国地方公共団体コード (checked with its
 * check digit), name and prefecture. Its admins are then invited from the user screen.
 */
export async function createMunicipality({
  db,
  actor,
  input,
}: {
  db: Database;
  actor: Actor;
  input: MunicipalityFields;
}): Promise<MunicipalityRecord> {
  ensureCan(actor, 'municipality.manage', { municipalityId: '' });
  return db.transaction(async (tx) => {
    const row = await insertMunicipality({ db: tx, municipality: input });
    if (!row) {
      throw new AppError({
        code: 'municipality.already_exists',
        issues: [{ path: 'code', message: `コード ${input.code} の自治体はすでに登録されています` }],
      });
    }
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId: row.id,
        subjectType: 'municipality',
        subjectId: row.id,
        operation: 'create',
        summary: `自治体「${input.prefecture} ${input.name}」（${input.code}）を登録`,
        after: { code: input.code, name: input.name, prefecture: input.prefecture },
      },
    });
    return { id: row.id, ...input, planCount: 0 };
  });
}
