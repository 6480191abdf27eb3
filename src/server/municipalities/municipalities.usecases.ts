import type { Database } from '../../db/database.js';
import { listMunicipalities, type MunicipalityRecord } from './municipalities.repository.js';

/** Every municipality hosted here, by code, with its number of plans. */
export async function findMunicipalities({ db }: { db: Database }): Promise<MunicipalityRecord[]> {
  return listMunicipalities({ db });
}
