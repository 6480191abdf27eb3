import type { FastifyReply } from 'fastify';

/** A CSV download; the file name may be Japanese (RFC 6266 / 5987), with an ASCII fallback. */
export function sendCsvDownload({
  reply,
  filename,
  csv,
}: {
  reply: FastifyReply;
  filename: string;
  csv: string;
}): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header(
      'content-disposition',
      `attachment; filename="table.csv"; filename*=UTF-8''${encodeURIComponent(`${filename}.csv`)}`,
    )
    .header('cache-control', 'no-store')
    .send(csv);
}
