import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import type { Actor } from '../../domain/policy.js';
import { ensureCan } from '../authorization.js';
import {
  type DepartmentRef,
  existsMunicipality,
  listDepartmentRefs,
  listMunicipalityActions,
} from './effects.repository.js';
import type { LinkedAction } from './effects.schemas.js';

/*
 * Checks shared by the effects and organisation use cases: who may change what, and whether what a
 * request names (departments, actions) belongs to the municipality.
 */

/**
 * A table as a whole (a BPR project, a series, a grant or budget list) belongs to no department: only
 * those who hold `effects.edit` for the whole municipality — the DX office — change it. An editor holds
 * it for its own departments' BPR rows only.
 */
export function ensureCanEditWholeTable(actor: Actor, municipalityId: string): void {
  ensureCan(actor, 'effects.edit', { municipalityId, departmentIds: [] });
}

/** A super-admin may name any municipality id; a row for one that does not exist is a 404, not a 500. */
export async function ensureMunicipalityExists({
  db,
  municipalityId,
}: {
  db: Database;
  municipalityId: string;
}): Promise<void> {
  if (!(await existsMunicipality({ db, municipalityId }))) {
    throw new AppError({ code: 'municipality.not_found' });
  }
}

export async function ensureDepartment({
  db,
  municipalityId,
  departmentId,
  field = 'departmentId',
}: {
  db: Database;
  municipalityId: string;
  departmentId: string;
  field?: string;
}): Promise<DepartmentRef> {
  const department = (await listDepartmentRefs({ db, municipalityId })).get(departmentId);
  if (!department || department.archived) {
    throw new AppError({
      code: 'department.not_found',
      message: '選ばれた課はこの自治体にないか、廃止されています',
      issues: [{ path: field, message: 'この自治体の課を選んでください' }],
    });
  }
  return department;
}

/** The actions a row is to be linked to, each checked to be one of the municipality's. */
export async function ensureActions({
  db,
  municipalityId,
  actionIds,
}: {
  db: Database;
  municipalityId: string;
  actionIds: readonly string[];
}): Promise<LinkedAction[]> {
  const unique = [...new Set(actionIds)];
  const actions = await listMunicipalityActions({ db, municipalityId, actionIds: unique });
  if (actions.length !== unique.length) {
    throw new AppError({
      code: 'action.not_found',
      message: '連携するアクションの中に、この自治体の計画にないものがあります',
      issues: [{ path: 'actionIds', message: 'この自治体の計画のアクションを選んでください' }],
    });
  }
  return actions;
}

export function throwConflict(current: unknown): never {
  throw new AppError({ code: 'record.conflict', details: { current } });
}

export function toIsoString(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}

/** Action ids as a stable, comparable list for a history entry. */
export function describeLinkedActions(actions: readonly LinkedAction[]): string[] {
  return actions.map((action) => `${action.planTitle} ${action.number} ${action.title}`);
}
