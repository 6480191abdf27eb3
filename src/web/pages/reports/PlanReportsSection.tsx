import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useCan } from '../../auth/session';
import { reportOptionsQuery, reportUrl, stratmlUrl, workbookUrl } from './reports-api';

const FORMATS = [
  { format: 'pdf', label: 'PDF' },
  { format: 'docx', label: 'Word' },
  { format: 'xlsx', label: 'Excel' },
] as const;

/**
 * The plan page's downloads: the final report and the council's progress report in PDF, Word and Excel,
 * the plan workbook to fill in (and, for the DX office, the way to bring it back), StratML.
 */
export function PlanReportsSection({
  plan,
}: {
  plan: { id: string; title: string; actionLevel: string; levels: string[]; municipality: { id: string } };
}) {
  const roundSelectId = useId();
  const [roundId, setRoundId] = useState('');
  const options = useQuery(reportOptionsQuery(plan.id));
  const canEdit = useCan('plan.edit', { municipalityId: plan.municipality.id });
  const rounds = options.data?.rounds ?? [];

  return (
    <section className="section reports-section" aria-labelledby="plan-reports">
      <h2 id="plan-reports">報告書と入力用シート</h2>
      <div className="reports-grid">
        <div className="reports-card">
          <h3>最終報告書</h3>
          <p>
            全{plan.actionLevel}の一覧（達成率・評価・評価根拠）と、{plan.actionLevel}
            ごとの概要・目標達成率・成果・やったこと・課題・今後の方向性・写真。
          </p>
          <ul className="inline-actions" aria-label="最終報告書の形式">
            {FORMATS.map(({ format, label }) => (
              <li key={format}>
                <a
                  className="button button--secondary button--small"
                  href={reportUrl({ planId: plan.id, kind: 'final', format })}
                  download
                >
                  最終報告書（{label}）
                </a>
              </li>
            ))}
          </ul>
        </div>
        <div className="reports-card">
          <h3>進捗状況報告（協議会向け）</h3>
          <p>
            {plan.levels.length > 0 ? `${plan.levels.join('・')}ごとに、` : ''}各{plan.actionLevel}
            のその年度のタスクと進捗、指標の実績、評価と、評価区分ごとの件数。
          </p>
          <div className="field">
            <label htmlFor={roundSelectId} className="field__label">
              対象
            </label>
            <select
              id={roundSelectId}
              className="field__input field__select"
              value={roundId}
              onChange={(event) => setRoundId(event.target.value)}
            >
              <option value="">現在の計画（今年度）</option>
              {rounds.map((round) => (
                <option key={round.id} value={round.id}>
                  {round.label}
                  {round.status === 'closed' ? '（締め切り時点）' : '（実施中）'}
                </option>
              ))}
            </select>
          </div>
          <ul className="inline-actions" aria-label="進捗状況報告の形式">
            {FORMATS.map(({ format, label }) => (
              <li key={format}>
                <a
                  className="button button--secondary button--small"
                  href={reportUrl({ planId: plan.id, kind: 'round', format, roundId: roundId || undefined })}
                  download
                >
                  進捗状況報告（{label}）
                </a>
              </li>
            ))}
          </ul>
        </div>
        <div className="reports-card">
          <h3>入力用シート（Excel）</h3>
          <p>計画の構成・年度タスク・指標・最終報告を、いまの内容を記入した Excel で編集できます。</p>
          <ul className="inline-actions">
            <li>
              <a className="button button--secondary button--small" href={workbookUrl(plan.id)} download>
                入力用シートをダウンロード
              </a>
            </li>
            {canEdit && (
              <li>
                <Link
                  className="button button--small"
                  to="/plans/$planId/import"
                  params={{ planId: plan.id }}
                >
                  入力用シートを取り込む
                </Link>
              </li>
            )}
          </ul>
        </div>
        <div className="reports-card">
          <h3>StratML（国際規格の XML）</h3>
          <p>計画と評価を ISO 17469-1（StratML Part 2）の実績報告として書き出します。</p>
          <a className="button button--secondary button--small" href={stratmlUrl(plan.id)} download>
            StratML をダウンロード
          </a>
        </div>
      </div>
    </section>
  );
}
