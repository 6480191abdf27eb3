import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { type Actor, can, type Permission, type PermissionScope } from '../../domain/policy';
import type { SessionResponse } from '../../server/accounts/accounts.schemas';
import { ApiError, getJson } from '../api';

export const SESSION_QUERY_KEY = ['session'] as const;

/** The signed-in user, or null for a visitor (the API answers 401). */
export const sessionQuery = () =>
  queryOptions({
    queryKey: SESSION_QUERY_KEY,
    queryFn: async ({ signal }): Promise<SessionResponse | null> => {
      try {
        return await getJson<SessionResponse>('/api/auth/session', signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });

/** The session as the policy sees it, so that the UI asks the same `can` the server enforces. */
export function toActor(session: SessionResponse): Actor {
  return {
    userId: session.user.id,
    displayName: session.user.displayName,
    superAdmin: session.user.superAdmin,
    memberships: session.user.superAdmin
      ? []
      : session.memberships.map((membership) => ({
          municipalityId: membership.municipality.id,
          role: membership.role,
          departmentIds: membership.departments.map((department) => department.id),
        })),
  };
}

export function useSession(): SessionResponse | null {
  return useQuery(sessionQuery()).data ?? null;
}

/** Whether the signed-in user may do this; false for a visitor or while the session is loading. */
export function useCan(permission: Permission, scope: PermissionScope | null): boolean {
  const session = useSession();
  if (!session || !scope) return false;
  return can(toActor(session), permission, scope);
}

/**
 * After login or logout: the new session in place, everything cached for the previous user dropped. The
 * session query itself is kept (not cleared), so that the layout watching it sees the change.
 */
export function replaceSession(queryClient: QueryClient, session: SessionResponse | null): void {
  queryClient.setQueryData(SESSION_QUERY_KEY, session);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_QUERY_KEY[0] });
}
