import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../domain/app-error.js';
import type { Actor } from '../domain/policy.js';
import { type ResolvedSession, SESSION_COOKIE, type SessionStore } from './accounts/sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user's session, or null for a visitor. */
    session: ResolvedSession | null;
  }
  interface FastifyContextConfig {
    /** Reachable without logging in (login, the public portal, an invitation link). */
    public?: boolean;
    /** Reachable while the one-time password still has to be changed (session, password, logout). */
    allowPendingPasswordChange?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the session cookie on every request and closes the API to visitors: an /api route is
 * reachable without a session only when it says `config: { public: true }`. Changes must come from our
 * own origin (the cookie is SameSite=Strict too). What a signed-in user may do is decided by the use
 * cases through the policy; this hook only establishes who is asking.
 */
export async function registerAuthentication({
  app,
  sessions,
}: {
  app: FastifyInstance;
  sessions: SessionStore;
}): Promise<void> {
  await app.register(fastifyCookie);
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/') || isOpenPath(path)) return;
    const config = request.routeOptions.config;
    // An unknown /api URL (no route, or only the web UI's catch-all): let it be the 404 it is.
    if (request.is404 || !request.routeOptions.url?.startsWith('/api/')) return;

    if (!SAFE_METHODS.has(request.method)) ensureSameOrigin(request);
    request.session = await sessions.resolve(request.cookies[SESSION_COOKIE]);
    if (config.public) return;
    if (!request.session) throw new AppError({ code: 'auth.unauthenticated' });
    if (request.session.mustChangePassword && !config.allowPendingPasswordChange) {
      throw new AppError({ code: 'auth.password_change_required' });
    }
  });
}

function isOpenPath(path: string): boolean {
  return path === '/api/health' || path === '/api/docs' || path.startsWith('/api/docs/');
}

function ensureSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError({ code: 'auth.cross_origin' });
  }
  // Behind a trusted reverse proxy Fastify reads the host from X-Forwarded-Host.
  if (host !== request.host) throw new AppError({ code: 'auth.cross_origin' });
}

/** The signed-in user, for a route that requires one (the hook has already refused visitors). */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.session) throw new AppError({ code: 'auth.unauthenticated' });
  return request.session.actor;
}

export function requireSession(request: FastifyRequest): ResolvedSession {
  if (!request.session) throw new AppError({ code: 'auth.unauthenticated' });
  return request.session;
}

/**
 * The session cookie: HttpOnly, SameSite=Strict, Secure whenever the request came over TLS. It lives as
 * long as the browser session; the server ends the session itself after idle or maximum time.
 */
export function setSessionCookie({
  request,
  reply,
  token,
}: {
  request: FastifyRequest;
  reply: FastifyReply;
  token: string;
}): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
  });
}

export function clearSessionCookie({
  request,
  reply,
}: {
  request: FastifyRequest;
  reply: FastifyReply;
}): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
  });
}
