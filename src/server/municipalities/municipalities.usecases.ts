import type { Database } from '../../db/database.js';
import { type Actor, readableMunicipalityIds } from '../../domain/policy.js';
import { listMunicipalities, type MunicipalityRecord } from './municipalities.repository.js';

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
