import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RenderedView } from './plans/plans.cache.js';

/** True when the client's If-None-Match names the current ETag (a weak match is enough for a GET). */
export function isEtagFresh({
  ifNoneMatch,
  etag,
}: {
  ifNoneMatch: string | undefined;
  etag: string;
}): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((candidate) => candidate.trim().replace(/^W\//, ''))
    .some((candidate) => candidate === '*' || candidate === etag);
}

/**
 * Sends an already serialised JSON body with its ETag, or 304 Not Modified when the client has it.
 * `no-cache` makes browsers revalidate every time, so a new revision is never hidden behind a cache.
 */
export function sendRenderedView({
  request,
  reply,
  view,
}: {
  request: FastifyRequest;
  reply: FastifyReply;
  view: RenderedView<unknown>;
}): FastifyReply {
  reply.header('etag', view.etag).header('cache-control', 'no-cache');
  if (isEtagFresh({ ifNoneMatch: request.headers['if-none-match'], etag: view.etag })) {
    return reply.code(304).send();
  }
  return reply.type('application/json; charset=utf-8').send(view.json);
}

/** Sends JSON text as a file to save (plan keys are ASCII, so the filename needs no encoding). */
export function sendJsonDownload({
  reply,
  filename,
  json,
}: {
  reply: FastifyReply;
  filename: string;
  json: string;
}): FastifyReply {
  return reply
    .type('application/json; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(json);
}
