import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { buildErrorResponse } from './errors.js';

/** Where `npm run build:web` writes the web UI (Vite's outDir). */
export const defaultWebRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));

const notBuiltPage = `<!doctype html>
<html lang="ja">
<head><meta charset="utf-8"><title>Kiseki（軌跡）</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<main>
<h1>Kiseki（軌跡）</h1>
<p>画面（Web UI）がまだビルドされていません。リポジトリのフォルダで <code>npm run build:web</code> を実行してから、サーバーを起動し直してください。</p>
<p lang="en">The web UI has not been built yet: run <code>npm run build:web</code>, then restart the server.</p>
<p>API は動いています: <a href="/api/docs">/api/docs</a></p>
</main>
</body>
</html>
`;

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/**
 * Serves the built single-page app: its files as they are (hashed assets cached for a year), and
 * index.html for any other GET outside /api, so that a deep link such as /plans/… opens the app.
 * Unknown /api URLs and paths that name a missing file get a 404.
 */
export function registerWebUi({
  app,
  webRoot = defaultWebRoot,
}: {
  app: FastifyInstance;
  webRoot?: string;
}): void {
  const built = existsSync(join(webRoot, 'index.html'));
  if (built) {
    app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        const immutable = filePath.startsWith(join(webRoot, 'assets'));
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const lastSegment = path.split('/').at(-1) ?? '';
    const wantsPage = (request.method === 'GET' || request.method === 'HEAD') && !isApiPath(path);
    if (!wantsPage || lastSegment.includes('.')) {
      return reply
        .code(404)
        .send(buildErrorResponse({ code: 'route.not_found', message: '指定されたURLは見つかりません' }));
    }
    if (!built)
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(notBuiltPage);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
