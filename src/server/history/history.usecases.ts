import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import type { Actor } from '../../domain/policy.js';
import { ensureCan } from '../authorization.js';
import { findPlanRow } from '../editing/editing.repository.js';
import { listPlanHistoryPeople } from './history.repository.js';

/** The people who appear in a plan's history (with how many entries each), for the history's filter. */
export async function findPlanHistoryPeople({
  db,
  actor,
  planId,
}: {
  db: Database;
  actor: Actor;
  planId: string;
}): Promise<{ userId: string | null; name: string; entryCount: number }[]> {
  const plan = await findPlanRow({ db, planId });
  if (!plan) throw new AppError({ code: 'plan.not_found' });
  ensureCan(actor, 'plan.read', { municipalityId: plan.municipalityId });
  return listPlanHistoryPeople({ db, municipalityId: plan.municipalityId, planId });
}
