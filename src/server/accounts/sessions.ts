import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../domain/policy.js';
import {
  deleteSession,
  deleteSessionsOfUser,
  findLiveSession,
  insertSession,
  listMemberships,
  toActor,
  touchSession,
} from './accounts.repository.js';

export const SESSION_COOKIE = 'kiseki_session';

export interface ResolvedSession {
  tokenHash: string;
  actor: Actor;
  login: string;
  mustChangePassword: boolean;
  expiresAt: Date;
}

export interface SessionStore {
  /** Starts a session and returns the token for the cookie (only its hash is stored). */
  create: (args: { userId: string; userAgent?: string | undefined; ip?: string | undefined }) => Promise<{
    token: string;
    expiresAt: Date;
  }>;
  /** The signed-in user behind a cookie's token, or null (unknown, expired, user disabled). */
  resolve: (token: string | undefined) => Promise<ResolvedSession | null>;
  end: (token: string) => Promise<void>;
  /** Ends every session of a user (disabled, password reset), or all but one (password changed). */
  endAllOf: (args: { userId: string; except?: string | undefined }) => Promise<void>;
  /** Drops what is cached of a user, after a change of its roles or name. */
  forgetUser: (userId: string) => void;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * Sessions in the database, with a short in-process cache so that a request for a cached plan page
 * touches no database at all. A change made in this process (logout, role change, disabling) is seen at
 * once; one made by another server process within `cacheMs` (30 s).
 */
export function createSessionStore({
  db,
  idleHours = Number(process.env.KISEKI_SESSION_IDLE_HOURS) || 8,
  absoluteHours = Number(process.env.KISEKI_SESSION_MAX_HOURS) || 24,
  cacheMs = 30_000,
  maxCached = 10_000,
}: {
  db: Database;
  idleHours?: number;
  absoluteHours?: number;
  cacheMs?: number;
  maxCached?: number;
}): SessionStore {
  const idleMs = idleHours * 3_600_000;
  const absoluteMs = absoluteHours * 3_600_000;
  const touchEveryMs = Math.min(5 * 60_000, idleMs / 4);
  const cache = new Map<string, { session: ResolvedSession; checkedAt: number; touchedAt: number }>();

  const forgetUser = (userId: string) => {
    for (const [key, entry] of cache) if (entry.session.actor.userId === userId) cache.delete(key);
  };

  return {
    create: async ({ userId, userAgent, ip }) => {
      const token = randomBytes(32).toString('base64url');
      const now = Date.now();
      const expiresAt = new Date(now + Math.min(idleMs, absoluteMs));
      await insertSession({
        db,
        session: {
          tokenHash: hashToken(token),
          userId,
          expiresAt,
          absoluteExpiresAt: new Date(now + absoluteMs),
          userAgent: userAgent?.slice(0, 300) ?? null,
          ip: ip ?? null,
        },
      });
      return { token, expiresAt };
    },

    resolve: async (token) => {
      if (!token || token.length > 100) return null;
      const tokenHash = hashToken(token);
      const now = Date.now();
      const cached = cache.get(tokenHash);
      if (cached && now - cached.checkedAt < cacheMs && cached.session.expiresAt.getTime() > now) {
        return cached.session;
      }
      const found = await findLiveSession({ db, tokenHash });
      if (!found || found.session.absoluteExpiresAt.getTime() <= now) {
        cache.delete(tokenHash);
        return null;
      }
      const memberships = await listMemberships({ db, userId: found.user.id });
      const expiresAt = new Date(Math.min(now + idleMs, found.session.absoluteExpiresAt.getTime()));
      const touchedAt = cached?.touchedAt ?? found.session.lastSeenAt.getTime();
      let lastTouch = touchedAt;
      if (now - touchedAt >= touchEveryMs) {
        await touchSession({ db, tokenHash, expiresAt });
        lastTouch = now;
      }
      const session: ResolvedSession = {
        tokenHash,
        actor: toActor(found.user, memberships),
        login: found.user.login,
        mustChangePassword: found.user.mustChangePassword,
        // Until the next touch the database holds the earlier expiry; never promise more than it does.
        expiresAt: lastTouch === now ? expiresAt : found.session.expiresAt,
      };
      if (cache.size >= maxCached) cache.delete(cache.keys().next().value as string);
      cache.set(tokenHash, { session, checkedAt: now, touchedAt: lastTouch });
      return session;
    },

    end: async (token) => {
      const tokenHash = hashToken(token);
      cache.delete(tokenHash);
      await deleteSession({ db, tokenHash });
    },

    endAllOf: async ({ userId, except }) => {
      forgetUser(userId);
      await deleteSessionsOfUser({ db, userId, except });
    },

    forgetUser,
  };
}
