import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId } from 'react';
import { fiscalYearOfDate, formatFiscalYear } from '../../../domain/fiscal-year';
import { formatQuantity, formatStatedFigure } from '../../../domain/stated-figures';
import type { LinkedAction, StatedCheckView } from '../../../server/effects/effects.schemas';
import { ApiError, sendJson } from '../../api';
import { useCan, useSession } from '../../auth/session';
import { FormError } from '../../components/Form';
import { effectsKey, municipalityPath } from './effects.api';

/* Pieces every effects and organisation screen shares. */

export function useMunicipalityName(municipalityId: string): string {
  const session = useSession();
  return (
    session?.memberships.find((membership) => membership.municipality.id === municipalityId)?.municipality
      .name ?? ''
  );
}

export function formatHours(value: number): string {
  return `${formatQuantity(value)}時間`;
}

/** 資料と相違: a stated figure the rows do not give — in words, never by colour alone. */
export function DifferenceMarker({ label }: { label?: string }) {
  return (
    <span className="marker marker--notice">
      資料と相違{label && <span className="visually-hidden">（{label}）</span>}
    </span>
  );
}

/**
 * The stated figures of a table: those that differ listed in a notice, those that agree said in one
 * line, so that a reader sees both that the document was checked and where it does not add up.
 */
export function StatedChecks({
  checks,
  headingId,
}: {
  checks: readonly StatedCheckView[];
  headingId: string;
}) {
  if (checks.length === 0) return null;
  const differing = checks.filter((check) => check.differs);
  const agreeing = checks.filter((check) => !check.differs);
  return (
    <>
      {differing.length > 0 && (
        <section className="notice-box" aria-labelledby={headingId} data-testid="stated-differences">
          <h2 id={headingId}>
            <span className="notice-box__icon" aria-hidden="true">
              !
            </span>
            資料の数値との相違
          </h2>
          <p>
            資料に記載された数値のうち、各行から計算した数値と一致しないものがあります。計算結果を正としています。
          </p>
          <ul>
            {differing.map((check) => (
              <li key={`${check.label}-${check.stated}`}>{check.message}</li>
            ))}
          </ul>
        </section>
      )}
      {agreeing.length > 0 && (
        <p className="stated-agrees">
          <span aria-hidden="true">✓ </span>
          資料に記載された
          {agreeing
            .map((check) => `${check.label}（${formatQuantity(check.stated)}${check.unit}）`)
            .join('・')}
          は、計算結果と一致しています。
        </p>
      )}
    </>
  );
}

/** 事業費の合計（219,541,000円）・採択額の合計（…）; a label that repeats (each row's 削減時間) is counted. */
function _describeAgreeing(checks: readonly StatedCheckView[]): string {
  const byLabel = new Map<string, StatedCheckView[]>();
  for (const check of checks) byLabel.set(check.label, [...(byLabel.get(check.label) ?? []), check]);
  return [...byLabel.entries()]
    .map(([label, group]) =>
      group.length === 1
        ? `${label}（${formatStatedFigure(group[0]!.stated, group[0]!.signed)}${group[0]!.unit}）`
        : `各行の${label}（${group.length}件）`,
    )
    .join('・');
}

export function ConflictHelp({ error, onReload }: { error: unknown; onReload: () => void }) {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  return (
    <button type="button" className="button button--secondary button--small" onClick={onReload}>
      最新の内容を読み込む
    </button>
  );
}

/** 公開 / 非公開 of a table as open data, for those who may publish (the DX office). */
export function PublishControl({
  municipalityId,
  tableKind,
  tableId,
  title,
  published,
  version,
}: {
  municipalityId: string;
  tableKind: 'bpr' | 'series' | 'funding';
  tableId: string;
  title: string;
  published: boolean;
  version: number;
}) {
  const queryClient = useQueryClient();
  const canPublish = useCan('plan.publish', { municipalityId });
  const mutation = useMutation({
    mutationFn: () =>
      sendJson(
        'POST',
        `${municipalityPath(municipalityId)}/effects/${tableKind}/${encodeURIComponent(tableId)}/publish`,
        {
          published: !published,
          version,
        },
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: effectsKey(municipalityId) }),
  });
  return (
    <div className="publish-control">
      <p>
        オープンデータ：<strong>{published ? '公開中' : '非公開'}</strong>
        {published && (
          <span className="cell-note">公開ポータルとオープンデータ（CSV・JSON）に掲載されています。</span>
        )}
      </p>
      {canPublish && (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => mutation.mutate()}
          disabled={mutation.isPending}
        >
          {published ? '非公開にする' : 'オープンデータとして公開する'}
          <span className="visually-hidden">（{title}）</span>
        </button>
      )}
      <FormError error={mutation.error} />
    </div>
  );
}

/** The actions a row serves, chosen plan by plan with checkboxes (keyboard and screen reader friendly). */
export function ActionChoice({
  actions,
  selected,
  onChange,
  error,
}: {
  actions: readonly LinkedAction[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
}) {
  const id = useId();
  const plans = new Map<string, LinkedAction[]>();
  for (const action of actions) plans.set(action.planTitle, [...(plans.get(action.planTitle) ?? []), action]);
  return (
    <fieldset
      className={`field fieldset${error ? ' field--invalid' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="field__label">連携するアクション（任意）</legend>
      {error && (
        <p id={`${id}-error`} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      <p className="field__hint">選んだ{selected.length}件のアクションのページに、この行が表示されます。</p>
      {actions.length === 0 ? (
        <p className="field__hint">この自治体の計画にアクションがありません。</p>
      ) : (
        [...plans.entries()].map(([planTitle, planActions]) => (
          <details key={planTitle} className="disclosure action-choice">
            <summary>
              {planTitle}（{planActions.filter((action) => selected.includes(action.id)).length}件選択）
            </summary>
            <ul className="checkbox-list checkbox-list--column">
              {planActions.map((action) => (
                <li key={action.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={selected.includes(action.id)}
                      onChange={(event) =>
                        onChange(
                          event.target.checked
                            ? [...selected, action.id]
                            : selected.filter((value) => value !== action.id),
                        )
                      }
                    />{' '}
                    {action.number} {action.title}
                  </label>
                </li>
              ))}
            </ul>
          </details>
        ))
      )}
    </fieldset>
  );
}

export function LinkedActions({ actions }: { actions: readonly LinkedAction[] }) {
  if (actions.length === 0) return null;
  return (
    <ul className="linked-actions">
      {actions.map((action) => (
        <li key={action.id}>
          <Link
            to="/plans/$planId/actions/$actionKey"
            params={{ planId: action.planId, actionKey: action.key }}
          >
            {action.number} {action.title}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function TableCsvLink({ href, label }: { href: string; label: string }) {
  return (
    <a className="button button--secondary button--small" href={href} download>
      {label}をCSVでダウンロード
    </a>
  );
}

/** The fiscal years a form offers, 和暦 first: eight years back to four ahead, and the value itself. */
export function fiscalYearOptions(current?: number): { value: string; label: string }[] {
  const thisYear = fiscalYearOfDate(new Date().toISOString().slice(0, 10));
  const years = new Set<number>();
  for (let fy = thisYear - 8; fy <= thisYear + 4; fy++) years.add(fy);
  if (current !== undefined) years.add(current);
  return [...years]
    .sort((a, b) => b - a)
    .map((fy) => ({ value: String(fy), label: `${formatFiscalYear(fy)}（${fy}年度）` }));
}
