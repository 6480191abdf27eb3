import { resolve } from 'node:path';
import { createDatabase } from '../db/database.js';
import { writeStaticPortal } from '../server/portal/portal.static.js';

/**
 * `kiseki publish --static DIR`: the public portal of every published plan as static files, to carry
 * from the LGWAN side to the municipality's internet web server.
 */
export async function publishStaticPortal({
  directory,
  baseUrl,
}: {
  directory: string;
  baseUrl?: string | undefined;
}): Promise<string> {
  const connection = await createDatabase({ dataDir: process.env.KISEKI_DATA_DIR ?? './data' });
  try {
    const target = resolve(directory);
    const result = await writeStaticPortal({
      db: connection.db,
      directory: target,
      baseUrl: baseUrl ?? null,
    });
    if (result.plans.length === 0) {
      return `公開中の計画がありません。画面の「公開する」で公開してから書き出してください（${target} には空の一覧だけを書き出しました）`;
    }
    const plans = result.plans.map((plan) => `  ${plan.municipalityCode}/${plan.slug}/  ${plan.title}`);
    return [
      `公開ページを書き出しました: ${target}（${result.plans.length}件の計画、${result.files.length}ファイル）`,
      ...plans,
      'フォルダごとWebサーバーに置き、index.html を開いてください。',
    ].join('\n');
  } finally {
    await connection.close();
  }
}
