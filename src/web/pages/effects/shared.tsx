import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useId } from 'react';
import { type AmountUnit, bprMetricLabels, convertAmount, formatAmount } from '../../../domain/effects';
import { fiscalYearOfDate, formatFiscalYear } from '../../../domain/fiscal-year';
import type { Locale } from '../../../domain/locale';
import { countDecimals, formatQuantity, formatStatedFigure, roundTo } from '../../../domain/stated-figures';
import type { LinkedAction, StatedCheckView } from '../../../server/effects/effects.schemas';
import { ApiError, sendJson } from '../../api';
import { useCan, useSession } from '../../auth/session';
import { FormError } from '../../components/Form';
import { formatPeriod, NO_VALUE } from '../../format';
import { fillNodes } from '../../i18n/fill-nodes';
import { useAreaMessages } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import { effectsKey, municipalityPath } from './effects.api';
import { type EffectsKey, effectsMessages } from './effects.messages';

/* Pieces every effects and organisation screen shares. */

export function useMunicipalityName(municipalityId: string): string {
  const session = useSession();
  return (
    session?.memberships.find((membership) => membership.municipality.id === municipalityId)?.municipality
      .name ?? ''
  );
}

/** The effects screens' words in the chosen language. */
export function useEffectsText() {
  return useAreaMessages(effectsMessages);
}

export type EffectsText = ReturnType<typeof useEffectsText>;

/** 1,210.2時間 / 1,210.2 h. */
export function formatHours({ hours, locale }: { hours: number; locale: Locale }): string {
  return locale === 'ja' ? `${formatQuantity(hours)}時間` : `${formatQuantity(hours)} h`;
}

const ENGLISH_UNITS: Record<string, string> = { 時間: ' h', 円: ' yen', 千円: ' thousand yen', '%': '%' };

/**
 * A figure with its unit: Japanese as the documents write it (1,203.2時間), English with the common units
 * named in English (1,203.2 h, 219,541 yen) and a city's own units (枚, 件) kept as written.
 */
export function formatWithUnit({
  figure,
  unit,
  locale,
}: {
  figure: string;
  unit: string;
  locale: Locale;
}): string {
  if (locale === 'ja' || unit === '') return `${figure}${unit}`;
  return `${figure}${ENGLISH_UNITS[unit] ?? ` ${unit}`}`;
}

const thousandYenFormat = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 3 });
const yenFormat = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 });

/** An amount in the chosen unit: 219,541千円 / 219,541 thousand yen, 219,541,000円 / 219,541,000 yen. */
export function formatAmountIn({
  yen,
  unit,
  locale,
}: {
  yen: number;
  unit: AmountUnit;
  locale: Locale;
}): string {
  if (locale === 'ja') return formatAmount(yen, unit);
  const format = unit === 'yen' ? yenFormat : thousandYenFormat;
  return `${format.format(convertAmount(yen, unit))} ${unit === 'yen' ? 'yen' : 'thousand yen'}`;
}

export function amountUnitLabel({ unit, text }: { unit: AmountUnit; text: EffectsText }): string {
  return text.t(unit === 'yen' ? 'funding.unit.yen' : 'funding.unit.thousand');
}

/** 令和6年度〜令和8年度 / FY2024–FY2026, for the years a table covers. */
export function formatYearRange({ years, locale }: { years: readonly number[]; locale: Locale }): string {
  const first = years[0];
  const last = years.at(-1);
  if (first === undefined || last === undefined) return NO_VALUE;
  if (locale === 'ja') return `${formatFiscalYear(first)}〜${formatFiscalYear(last)}`;
  return formatPeriod({ period: { startFy: first, endFy: last }, locale });
}

/** "鹿島市 効果・予算" / "鹿島市 effects and budgets", the municipality's name marked as the plan's words. */
export function PageName({ name }: { name: string }) {
  const { t } = useEffectsText();
  return fillNodes(t('common.pageName'), { name: <PlanText>{name}</PlanText> });
}

const ENGLISH_UNIT_NAMES: Record<string, string> = { 円: 'yen', 千円: 'thousand yen', 時間: 'hours' };

/** A column's unit: the common ones named in English (円 → yen), a city's own (枚, 件) kept as written. */
export function formatUnitName({ unit, locale }: { unit: string; locale: Locale }): string {
  return (locale === 'en' && ENGLISH_UNIT_NAMES[unit]) || unit;
}

/** A column's unit on screen; a unit kept as written is marked as the plan's words. */
export function UnitName({ unit }: { unit: string }) {
  const { locale } = useEffectsText();
  const english = locale === 'en' ? ENGLISH_UNIT_NAMES[unit] : undefined;
  return english ?? <PlanText>{unit}</PlanText>;
}

/** After a button's text, for screen readers: the row it acts on, its name marked as the plan's words. */
export function HiddenSubject({ name }: { name: string }) {
  const { t } = useEffectsText();
  return (
    <span className="visually-hidden">
      {fillNodes(t('common.subject'), { name: <PlanText>{name}</PlanText> })}
    </span>
  );
}

/** 資料と相違: a stated figure the rows do not give — in words, never by colour alone. */
export function DifferenceMarker({ label }: { label?: string }) {
  const { t } = useEffectsText();
  return (
    <span className="marker marker--notice">
      {t('marker.differs')}
      {label && <span className="visually-hidden">{t('common.subject', { name: label })}</span>}
    </span>
  );
}

/** The figures the domain checks, by their Japanese labels (src/domain/effects.ts names them). */
const CHECK_LABEL_KEYS: Record<string, EffectsKey> = {
  [bprMetricLabels.hours_saved]: 'metric.hours_saved',
  [bprMetricLabels.reduction_rate]: 'metric.reduction_rate',
  削減時間: 'bpr.hoursSaved',
  削減率: 'bpr.rate',
  事業費の合計: 'funding.totalProjectCost',
  採択額の合計: 'funding.totalGrantAmount',
  予算額の合計: 'funding.totalBudgetAmount',
};

/**
 * What a check is about, in the chosen language: the domain's labels are Japanese; a label built from a
 * table's own column names (a series) is translated by the page that knows the columns, or kept.
 */
export function translateCheckLabel({
  label,
  text,
  seriesLabels,
}: {
  label: string;
  text: EffectsText;
  seriesLabels?: ReadonlyMap<string, string> | undefined;
}): string {
  if (text.locale === 'ja') return label;
  const key = CHECK_LABEL_KEYS[label];
  if (key) return text.t(key);
  return seriesLabels?.get(label) ?? label;
}

/**
 * A stated figure that differs, in one sentence: in Japanese word for word the domain's message (the
 * report and the open data say the same), in English "…: the document states 1,203.2 h; the rows add up
 * to 1,210.2 h."
 */
export function describeStatedCheck({
  check,
  text,
  seriesLabels,
}: {
  check: StatedCheckView;
  text: EffectsText;
  seriesLabels?: ReadonlyMap<string, string> | undefined;
}): string {
  const { locale, t } = text;
  const label = translateCheckLabel({ label: check.label, text, seriesLabels });
  const stated = formatWithUnit({
    figure: formatStatedFigure(check.stated, check.signed),
    unit: check.unit,
    locale,
  });
  if (check.computed === null) return t('stated.cannotCompute', { label, stated });
  const computed = formatWithUnit({
    figure: formatStatedFigure(
      roundTo(check.computed, Math.max(1, countDecimals(check.stated))),
      check.signed,
    ),
    unit: check.unit,
    locale,
  });
  return t(check.unit === '%' ? 'stated.differsRate' : 'stated.differs', { label, stated, computed });
}

/** The checks of one row of a table, said with the row's number and name. */
export interface RowChecks {
  number: string | null;
  process: string;
  checks: readonly StatedCheckView[];
}

/**
 * The stated figures of a table: those that differ listed in a notice, those that agree said in one
 * line, so that a reader sees both that the document was checked and where it does not add up.
 */
export function StatedChecks({
  checks,
  rows = [],
  seriesLabels,
  headingId,
}: {
  checks: readonly StatedCheckView[];
  rows?: readonly RowChecks[];
  seriesLabels?: ReadonlyMap<string, string>;
  headingId: string;
}) {
  const text = useEffectsText();
  const { t, locale } = text;
  const entries = [
    ...checks.map((check) => ({ check, row: null })),
    ...rows.flatMap((row) => row.checks.map((check) => ({ check, row }))),
  ];
  if (entries.length === 0) return null;
  const differing = entries.filter((entry) => entry.check.differs);
  const agreeing = entries.filter((entry) => !entry.check.differs);
  const describe = ({ check, row }: (typeof entries)[number]) => {
    const message = describeStatedCheck({ check, text, seriesLabels });
    return row ? t('bpr.rowCheck', { number: row.number ?? '', process: row.process, message }) : message;
  };
  return (
    <>
      {differing.length > 0 && (
        <section className="notice-box" aria-labelledby={headingId} data-testid="stated-differences">
          <h2 id={headingId}>
            <span className="notice-box__icon" aria-hidden="true">
              !
            </span>
            {t('stated.heading')}
          </h2>
          <p>{t('stated.intro')}</p>
          <ul>
            {differing.map((entry) => (
              <li key={`${entry.row?.number ?? ''}-${entry.check.label}-${entry.check.stated}`}>
                {describe(entry)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {agreeing.length > 0 && (
        <p className="stated-agrees">
          <span aria-hidden="true">✓ </span>
          {t('stated.agrees', {
            list: agreeing
              .map(({ check }) =>
                t('stated.agreesItem', {
                  label: translateCheckLabel({ label: check.label, text, seriesLabels }),
                  figure: formatWithUnit({ figure: formatQuantity(check.stated), unit: check.unit, locale }),
                }),
              )
              .join(t('stated.agreesSeparator')),
          })}
        </p>
      )}
    </>
  );
}

/**
 * An effects or organisation record edited in place: the error of its last save, a reload button after
 * someone else saved first (409), and its fields and buttons.
 */
export function RecordForm({
  label,
  error,
  onSubmit,
  onReload,
  children,
}: {
  label: string;
  error: unknown;
  onSubmit: () => void;
  onReload: () => void;
  children: ReactNode;
}) {
  return (
    <form
      className="form form--inline-panel"
      noValidate
      aria-label={label}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <FormError error={error} />
      <ConflictHelp error={error} onReload={onReload} />
      {children}
    </form>
  );
}

function ConflictHelp({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t } = useEffectsText();
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  return (
    <button type="button" className="button button--secondary button--small" onClick={onReload}>
      {t('conflict.reload')}
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
  const { t } = useEffectsText();
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
        {t('publish.label')}
        <strong>{published ? t('common.published') : t('common.unpublished')}</strong>
        {published && <span className="cell-note">{t('publish.note')}</span>}
      </p>
      {canPublish && (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => mutation.mutate()}
          disabled={mutation.isPending}
        >
          {published ? t('publish.unpublish') : t('publish.publish')}
          <HiddenSubject name={title} />
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
  const { t } = useEffectsText();
  const plans = new Map<string, LinkedAction[]>();
  for (const action of actions) plans.set(action.planTitle, [...(plans.get(action.planTitle) ?? []), action]);
  return (
    <fieldset
      className={`field fieldset${error ? ' field--invalid' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="field__label">{t('actionChoice.legend')}</legend>
      {error && (
        <p id={`${id}-error`} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      <p className="field__hint">{t('actionChoice.hint', { count: selected.length })}</p>
      {actions.length === 0 ? (
        <p className="field__hint">{t('actionChoice.none')}</p>
      ) : (
        [...plans.entries()].map(([planTitle, planActions]) => (
          <details key={planTitle} className="disclosure action-choice">
            <summary>
              {t('actionChoice.selected', {
                plan: planTitle,
                count: planActions.filter((action) => selected.includes(action.id)).length,
              })}
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
                    <PlanText>
                      {action.number} {action.title}
                    </PlanText>
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
            <PlanText>
              {action.number} {action.title}
            </PlanText>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** A link to a table's CSV; the label says what is downloaded ("この表をCSVでダウンロード"). */
export function TableCsvLink({ href, label }: { href: string; label: string }) {
  return (
    <a className="button button--secondary button--small" href={href} download>
      {label}
    </a>
  );
}

/** The fiscal years a form offers, latest first: eight years back to four ahead, and the value itself. */
export function listFiscalYears(current?: number): number[] {
  const thisYear = fiscalYearOfDate(new Date().toISOString().slice(0, 10));
  const years = new Set<number>();
  for (let fy = thisYear - 8; fy <= thisYear + 4; fy++) years.add(fy);
  if (current !== undefined) years.add(current);
  return [...years].sort((a, b) => b - a);
}

/** The fiscal year a new table or row starts with: this one. */
export function suggestFiscalYear(): string {
  return String(fiscalYearOfDate(new Date().toISOString().slice(0, 10)));
}

/** The fiscal-year choices, 令和6年度（2024年度） / FY2024 (令和6年度), so that both readers find theirs. */
export function useFiscalYearOptions(current?: number): { value: string; label: string }[] {
  const { t } = useEffectsText();
  return listFiscalYears(current).map((fy) => ({
    value: String(fy),
    label: t('common.fyOption', { era: formatFiscalYear(fy), fy }),
  }));
}
