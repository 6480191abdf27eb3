/**
 * Who may do what: the one place where a permission is decided. The server checks every request with
 * `can` / `ensureCan`; the web UI imports the same function to show or hide a button, so that the two
 * never disagree.
 *
 * A permission is granted per municipality by role; some are narrowed, for an editor, to the departments
 * the editor is bound to (a department updates only its own tasks). A super-admin runs the deployment and
 * may do everything everywhere.
 */

export const roles = ['admin', 'editor', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  admin: '管理者（DX推進担当課）',
  editor: '担当課（編集者）',
  viewer: '閲覧者（本部・協議会など）',
};

export interface Membership {
  municipalityId: string;
  role: Role;
  /** For an editor: the departments whose tasks and figures the editor keeps. */
  departmentIds: readonly string[];
}

/** The signed-in user as the policy sees it. */
export interface Actor {
  userId: string;
  displayName: string;
  superAdmin: boolean;
  memberships: readonly Membership[];
}

interface Rule {
  roles: readonly Role[];
  /** An editor needs one of the scope's departments among its own. */
  departmentScoped?: true;
  /** Only a super-admin (the deployment's operator). */
  superAdminOnly?: true;
}

/**
 * Every permission and who holds it. Adding a feature means adding its permissions here, not writing a
 * role check in a handler.
 */
export const permissionRules = {
  /** Create municipalities, see every municipality's data. */
  'municipality.manage': { roles: [], superAdminOnly: true },
  /** Read plans, evaluations, rounds, history and reports of the municipality. */
  'plan.read': { roles: ['admin', 'editor', 'viewer'] },
  /** Create plans, edit their structure, actions, tasks, KPIs and evaluation settings. */
  'plan.edit': { roles: ['admin'] },
  /** Publish a plan on the public portal, or withdraw it. */
  'plan.publish': { roles: ['admin'] },
  /** Departments and their nesting. */
  'department.manage': { roles: ['admin'] },
  /** Open, change and close progress rounds. */
  'round.manage': { roles: ['admin'] },
  /** Accept a department's submission or return it with a comment. */
  'submission.review': { roles: ['admin'] },
  /** Update progress, KPI actuals, the overall assessment, report texts and evidence of a department. */
  'progress.edit': { roles: ['admin', 'editor'], departmentScoped: true },
  /** Submit a department's figures for review. */
  'submission.submit': { roles: ['admin', 'editor'], departmentScoped: true },
  /** Comment on an action (HQ, council and PT members read everything and comment). */
  'comment.create': { roles: ['admin', 'editor', 'viewer'] },
  /** Invite users, change their roles, disable them. */
  'user.manage': { roles: ['admin'] },
  /** Effects and money: BPR results, cost series, grants and budget lines. */
  'effects.edit': { roles: ['admin', 'editor'], departmentScoped: true },
  /** Bodies, members and meetings. */
  'organisation.edit': { roles: ['admin'] },
  /** Notification settings (SMTP, webhook). */
  'settings.manage': { roles: ['admin'] },
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof permissionRules;
export const permissions = Object.keys(permissionRules) as Permission[];

export interface PermissionScope {
  municipalityId: string;
  /** The department(s) the record belongs to: a task's department, an action's owners. */
  departmentIds?: readonly (string | null | undefined)[] | undefined;
}

export function findMembership(actor: Actor, municipalityId: string): Membership | undefined {
  return actor.memberships.find((membership) => membership.municipalityId === municipalityId);
}

/** Whether the actor holds the permission in this scope. No actor (a visitor) holds none. */
export function can(
  actor: Actor | null | undefined,
  permission: Permission,
  scope: PermissionScope,
): boolean {
  if (!actor) return false;
  if (actor.superAdmin) return true;
  const rule: Rule = permissionRules[permission];
  if (rule.superAdminOnly) return false;
  const membership = findMembership(actor, scope.municipalityId);
  if (!membership || !rule.roles.includes(membership.role)) return false;
  if (!rule.departmentScoped || membership.role !== 'editor') return true;
  // Unscoped question ("may this editor edit progress at all?"): yes if bound to any department.
  if (scope.departmentIds === undefined) return membership.departmentIds.length > 0;
  return scope.departmentIds.some((id) => typeof id === 'string' && membership.departmentIds.includes(id));
}

/** The municipalities whose plans the actor may read (all of them for a super-admin: `null`). */
export function readableMunicipalityIds(actor: Actor): string[] | null {
  if (actor.superAdmin) return null;
  return actor.memberships.map((membership) => membership.municipalityId);
}

/**
 * What the actor may do in a municipality, for the UI: each permission held (for department-scoped ones
 * an editor holds, the departments it holds them for).
 */
export function listAbilities(
  actor: Actor,
  municipalityId: string,
): { permission: Permission; departmentIds: string[] | null }[] {
  const membership = findMembership(actor, municipalityId);
  return permissions
    .filter((permission) => can(actor, permission, { municipalityId }))
    .map((permission) => {
      const rule: Rule = permissionRules[permission];
      const limited = !actor.superAdmin && rule.departmentScoped && membership?.role === 'editor';
      return { permission, departmentIds: limited ? [...membership.departmentIds] : null };
    });
}
