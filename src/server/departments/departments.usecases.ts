import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import type { DepartmentFields } from '../../domain/plan-editing.schemas.js';
import type { Actor } from '../../domain/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { ensureCan } from '../authorization.js';
import { generateKey, isUniqueViolation } from '../editing/editing.repository.js';
import { duplicateKey, ensureVersion, invalidRequest } from '../editing/editing.usecases.js';
import { findMunicipality } from '../municipalities/municipalities.repository.js';
import {
  bumpPlanRevisionsOfMunicipality,
  countLiveSubdepartments,
  type DepartmentRecord,
  type DepartmentRow,
  findDepartment,
  insertDepartment,
  isDepartmentKeyTaken,
  listDepartments,
  updateDepartmentRow,
} from './departments.repository.js';

/*
 * Departments (部 → 課 → 係) of a municipality, kept by the DX office (`department.manage`). A department
 * is never deleted: archiving keeps it for the tasks, history and accounts that name it.
 */

function toRecord(row: DepartmentRow): DepartmentRecord {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    parentId: row.parentId,
    archived: row.archivedAt !== null,
    version: row.version,
  };
}

/** Every department of the municipality, archived ones too (marked), for everyone who reads its plans. */
export async function findDepartments({
  db,
  actor,
  municipalityId,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
}): Promise<DepartmentRecord[]> {
  ensureCan(actor, 'plan.read', { municipalityId });
  if (!(await findMunicipality({ db, municipalityId })))
    throw new AppError({ code: 'municipality.not_found' });
  return listDepartments({ db, municipalityId });
}

/**
 * The parent a department may be placed under: a current department of the same municipality, and not
 * the department itself nor one below it (the nesting must stay a tree).
 */
function checkParent({
  departments,
  departmentId,
  parentId,
}: {
  departments: DepartmentRecord[];
  departmentId: string | null;
  parentId: string | null;
}): DepartmentRecord | null {
  if (parentId === null) return null;
  const byId = new Map(departments.map((department) => [department.id, department]));
  const parent = byId.get(parentId);
  if (!parent || parent.archived) {
    throw invalidRequest([
      { path: 'parentId', message: '上位の部署は、この自治体の現在の部署から選んでください' },
    ]);
  }
  for (
    let current: DepartmentRecord | undefined = parent;
    current;
    current = current.parentId ? byId.get(current.parentId) : undefined
  ) {
    if (current.id === departmentId) {
      throw invalidRequest([{ path: 'parentId', message: '部署を自分自身やその下の部署の下には移せません' }]);
    }
  }
  return parent;
}

export async function createDepartment({
  db,
  actor,
  municipalityId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  input: DepartmentFields & { key?: string | undefined };
}): Promise<DepartmentRecord> {
  ensureCan(actor, 'department.manage', { municipalityId });
  if (!(await findMunicipality({ db, municipalityId })))
    throw new AppError({ code: 'municipality.not_found' });
  const key = input.key ?? generateKey('dept');
  try {
    return await db.transaction(async (tx) => {
      if (await isDepartmentKeyTaken({ db: tx, municipalityId, key })) throw duplicateKey(key);
      const departments = await listDepartments({ db: tx, municipalityId });
      const parent = checkParent({ departments, departmentId: null, parentId: input.parentId });
      const row = await insertDepartment({
        db: tx,
        values: { municipalityId, key, name: input.name, parentId: input.parentId },
      });
      await recordAudit({
        db: tx,
        actor,
        entry: {
          municipalityId,
          subjectType: 'department',
          subjectId: row.id,
          operation: 'create',
          summary: `部署「${row.name}」を追加${parent ? `（${parent.name}の下）` : ''}`,
          after: { name: row.name, parent: parent?.name ?? null },
        },
      });
      return toRecord(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateKey(key);
    throw error;
  }
}

/** Renames a department and/or moves it under another one. Plan pages show the new name at once. */
export async function updateDepartment({
  db,
  actor,
  municipalityId,
  departmentId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  departmentId: string;
  input: DepartmentFields & { version: number };
}): Promise<DepartmentRecord> {
  ensureCan(actor, 'department.manage', { municipalityId });
  return db.transaction(async (tx) => {
    const stored = await findDepartment({ db: tx, municipalityId, departmentId, lock: true });
    if (!stored || stored.archivedAt !== null) throw new AppError({ code: 'department.not_found' });
    ensureVersion({ stored, version: input.version, current: () => toRecord(stored) });
    const departments = await listDepartments({ db: tx, municipalityId });
    const parent = checkParent({ departments, departmentId, parentId: input.parentId });
    const oldParent = departments.find((department) => department.id === stored.parentId) ?? null;
    const updated = await updateDepartmentRow({
      db: tx,
      departmentId,
      values: { name: input.name, parentId: input.parentId },
    });
    const renamed = stored.name !== updated.name;
    const moved = stored.parentId !== updated.parentId;
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'department',
        subjectId: departmentId,
        operation: moved && !renamed ? 'move' : 'update',
        summary: renamed
          ? `部署「${stored.name}」を「${updated.name}」に変更${moved ? `し、${parent?.name ?? '最上位'}へ移動` : ''}`
          : moved
            ? `部署「${stored.name}」を${parent?.name ?? '最上位'}へ移動`
            : `部署「${stored.name}」を保存（変更なし）`,
        before: { name: stored.name, parent: oldParent?.name ?? null },
        after: { name: updated.name, parent: parent?.name ?? null },
      },
    });
    await bumpPlanRevisionsOfMunicipality({ db: tx, municipalityId });
    return toRecord(updated);
  });
}

/**
 * Archives a department that has no current departments under it. Tasks and actions that name it keep
 * naming it; it can no longer be chosen for new ones.
 */
export async function archiveDepartment({
  db,
  actor,
  municipalityId,
  departmentId,
  version,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  departmentId: string;
  version: number;
}): Promise<void> {
  ensureCan(actor, 'department.manage', { municipalityId });
  await db.transaction(async (tx) => {
    const stored = await findDepartment({ db: tx, municipalityId, departmentId, lock: true });
    if (!stored || stored.archivedAt !== null) throw new AppError({ code: 'department.not_found' });
    ensureVersion({ stored, version, current: () => toRecord(stored) });
    const children = await countLiveSubdepartments({ db: tx, departmentId });
    if (children > 0) {
      throw new AppError({
        code: 'record.not_empty',
        message: `「${stored.name}」の下に部署が${children}件あります。先に移動またはアーカイブしてください`,
      });
    }
    await updateDepartmentRow({ db: tx, departmentId, values: { archivedAt: new Date() } });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'department',
        subjectId: departmentId,
        operation: 'archive',
        summary: `部署「${stored.name}」をアーカイブ`,
        before: { name: stored.name },
      },
    });
    await bumpPlanRevisionsOfMunicipality({ db: tx, municipalityId });
  });
}
