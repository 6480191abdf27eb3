import { AppError } from '../domain/app-error.js';
import { type Actor, can, type Permission, type PermissionScope } from '../domain/policy.js';

/**
 * Throws `auth.forbidden` unless the actor holds the permission in the scope. Every use case that reads
 * or changes a municipality's data calls it (through the one policy in src/domain/policy.ts).
 */
export function ensureCan(
  actor: Actor | null,
  permission: Permission,
  scope: PermissionScope,
): asserts actor is Actor {
  if (!actor) throw new AppError({ code: 'auth.unauthenticated' });
  if (!can(actor, permission, scope)) throw new AppError({ code: 'auth.forbidden' });
}
