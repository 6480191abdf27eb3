import type { FastifyInstance } from 'fastify';

export interface RegisteredRoute {
  method: string;
  url: string;
  public: boolean;
}

const registries = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Remembers every route as it is added, so that a test can check each one against the policy. */
export function collectRoutes(app: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  registries.set(app, routes);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, public: route.config?.public === true });
    }
  });
}

export function listRegisteredRoutes(app: FastifyInstance): RegisteredRoute[] {
  return registries.get(app) ?? [];
}
