import {
  KPI_AGGREGATION_LABELS,
  KPI_BASIS_LABELS,
  RATE_BASIS_LABELS,
  TASK_AGGREGATION_LABELS,
} from '../../../domain/history';
import type { RateBasis } from '../../../domain/plan.schemas';
import { SelectField, TextField } from '../../components/Form';
import { useAreaMessages } from '../../i18n/i18n';
import {
  ENGLISH_KPI_AGGREGATION_LABELS,
  ENGLISH_KPI_BASIS_LABELS,
  ENGLISH_RATE_BASIS_LABELS,
  ENGLISH_TASK_AGGREGATION_LABELS,
  editingMessages,
  listDomainOptions,
} from './editing.messages';
import { listFiscalYearOptions, type PlanSettingsValues } from './plan-settings';

interface FieldsetProps {
  idPrefix: string;
  values: PlanSettingsValues;
  setValue: <Field extends keyof PlanSettingsValues>(field: Field, value: PlanSettingsValues[Field]) => void;
  errorFor: (path: string) => string | undefined;
}

const MAX_LEVELS = 5;
const MAX_BANDS = 10;

/** A plan's settings: name, period (in 和暦), level names, and how its actions are rated. */
export function PlanSettingsFieldset({ idPrefix, values, setValue, errorFor }: FieldsetProps) {
  const { t, locale } = useAreaMessages(editingMessages);
  const years = listFiscalYearOptions(
    [Number(values.startFy), Number(values.endFy)].filter(Number.isFinite),
    {
      t,
      locale,
    },
  );
  return (
    <>
      <TextField
        id={`${idPrefix}-title`}
        label={t('settings.title')}
        hint={t('settings.titleHint')}
        value={values.title}
        onChange={(event) => setValue('title', event.target.value)}
        error={errorFor('title')}
        required
      />
      <TextField
        id={`${idPrefix}-slug`}
        label={t('settings.slug')}
        hint={t('settings.slugHint')}
        value={values.slug}
        onChange={(event) => setValue('slug', event.target.value)}
        error={errorFor('slug')}
        autoComplete="off"
        required
      />
      <fieldset className="fieldset editing-fieldset">
        <legend className="field__label">{t('settings.period')}</legend>
        <div className="editing-row">
          <SelectField
            id={`${idPrefix}-start-fy`}
            label={t('settings.start')}
            value={values.startFy}
            options={years}
            onChange={(event) => setValue('startFy', event.target.value)}
            error={errorFor('period.startFy')}
          />
          <SelectField
            id={`${idPrefix}-end-fy`}
            label={t('settings.end')}
            value={values.endFy}
            options={years}
            onChange={(event) => setValue('endFy', event.target.value)}
            error={errorFor('period.endFy') ?? errorFor('period')}
          />
        </div>
      </fieldset>

      <fieldset className="fieldset editing-fieldset">
        <legend className="field__label">{t('settings.levels')}</legend>
        <p className="field__hint">{t('settings.levelsHint')}</p>
        {errorFor('levels') && (
          <p className="field__error">
            <span aria-hidden="true">⚠ </span>
            {errorFor('levels')}
          </p>
        )}
        <ol className="editing-list">
          {values.levels.map((level, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a level has no other identity than its place
            <li key={index} className="editing-row">
              <TextField
                id={`${idPrefix}-level-${index}`}
                label={t('settings.levelName', { n: index + 1 })}
                value={level}
                onChange={(event) =>
                  setValue(
                    'levels',
                    values.levels.map((item, i) => (i === index ? event.target.value : item)),
                  )
                }
                error={errorFor(`levels[${index}]`)}
              />
              <button
                type="button"
                className="button button--small button--secondary editing-row__button"
                onClick={() =>
                  setValue(
                    'levels',
                    values.levels.filter((_, i) => i !== index),
                  )
                }
              >
                {t('common.remove')}
                <span className="visually-hidden">
                  {t('common.which', { name: t('settings.levelName', { n: index + 1 }) })}
                </span>
              </button>
            </li>
          ))}
        </ol>
        {values.levels.length < MAX_LEVELS && (
          <p>
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => setValue('levels', [...values.levels, ''])}
            >
              {t('settings.addLevel')}
            </button>
          </p>
        )}
      </fieldset>

      <TextField
        id={`${idPrefix}-action-level`}
        label={t('settings.actionLevel')}
        hint={t('settings.actionLevelHint')}
        value={values.actionLevel}
        onChange={(event) => setValue('actionLevel', event.target.value)}
        error={errorFor('actionLevel')}
        required
      />

      <fieldset className="fieldset editing-fieldset">
        <legend className="field__label">{t('settings.ratingScale')}</legend>
        <p className="field__hint">{t('settings.ratingScaleHint')}</p>
        {errorFor('evaluation.ratingScale') && (
          <p className="field__error">
            <span aria-hidden="true">⚠ </span>
            {errorFor('evaluation.ratingScale')}
          </p>
        )}
        <ol className="editing-list">
          {values.ratingScale.map((band, index) => (
            <li key={band.key} className="editing-row">
              <TextField
                id={`${idPrefix}-band-${index}-label`}
                label={t('settings.bandLabel', { n: index + 1 })}
                value={band.label}
                onChange={(event) =>
                  setValue(
                    'ratingScale',
                    values.ratingScale.map((item, i) =>
                      i === index ? { ...item, label: event.target.value } : item,
                    ),
                  )
                }
                error={errorFor(`evaluation.ratingScale[${index}].label`)}
              />
              <TextField
                id={`${idPrefix}-band-${index}-min`}
                label={t('settings.bandMin', { n: index + 1 })}
                inputMode="decimal"
                value={band.min}
                onChange={(event) =>
                  setValue(
                    'ratingScale',
                    values.ratingScale.map((item, i) =>
                      i === index ? { ...item, min: event.target.value } : item,
                    ),
                  )
                }
                error={errorFor(`evaluation.ratingScale[${index}].min`)}
              />
              {values.ratingScale.length > 2 && (
                <button
                  type="button"
                  className="button button--small button--secondary editing-row__button"
                  onClick={() =>
                    setValue(
                      'ratingScale',
                      values.ratingScale.filter((_, i) => i !== index),
                    )
                  }
                >
                  {t('common.remove')}
                  <span className="visually-hidden">
                    {t('common.which', { name: band.label || t('settings.band', { n: index + 1 }) })}
                  </span>
                </button>
              )}
            </li>
          ))}
        </ol>
        {values.ratingScale.length < MAX_BANDS && (
          <p>
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => {
                const used = new Set(values.ratingScale.map((band) => band.key));
                let n = values.ratingScale.length + 1;
                while (used.has(`band-${n}`)) n++;
                setValue('ratingScale', [...values.ratingScale, { key: `band-${n}`, label: '', min: '0' }]);
              }}
            >
              {t('settings.addBand')}
            </button>
          </p>
        )}
      </fieldset>

      <fieldset className="fieldset editing-fieldset">
        <legend className="field__label">{t('settings.basisOrder')}</legend>
        <p className="field__hint">{t('settings.basisOrderHint')}</p>
        {errorFor('evaluation.basisOrder') && (
          <p className="field__error">
            <span aria-hidden="true">⚠ </span>
            {errorFor('evaluation.basisOrder')}
          </p>
        )}
        <div className="editing-row">
          {[0, 1, 2].map((index) => (
            <SelectField
              key={index}
              id={`${idPrefix}-basis-${index}`}
              label={t('settings.basisPosition', { n: index + 1 })}
              value={values.basisOrder[index] ?? ''}
              options={[
                ...(index > 0 ? [{ value: '', label: t('settings.basisUnused') }] : []),
                ...listDomainOptions({
                  japanese: RATE_BASIS_LABELS,
                  english: ENGLISH_RATE_BASIS_LABELS,
                  locale,
                }),
              ]}
              onChange={(event) =>
                setValue(
                  'basisOrder',
                  values.basisOrder.map((item, i) =>
                    i === index ? (event.target.value as RateBasis | '') : item,
                  ),
                )
              }
            />
          ))}
        </div>
      </fieldset>

      <SelectField
        id={`${idPrefix}-default-kpi-basis`}
        label={t('settings.defaultKpiBasis')}
        hint={t('settings.defaultKpiBasisHint')}
        value={values.defaultKpiBasis}
        options={listDomainOptions({ japanese: KPI_BASIS_LABELS, english: ENGLISH_KPI_BASIS_LABELS, locale })}
        onChange={(event) =>
          setValue('defaultKpiBasis', event.target.value as PlanSettingsValues['defaultKpiBasis'])
        }
        error={errorFor('evaluation.defaultKpiBasis')}
      />
      <SelectField
        id={`${idPrefix}-kpi-aggregation`}
        label={t('settings.kpiAggregation')}
        value={values.kpiAggregation}
        options={listDomainOptions({
          japanese: KPI_AGGREGATION_LABELS,
          english: ENGLISH_KPI_AGGREGATION_LABELS,
          locale,
        })}
        onChange={(event) =>
          setValue('kpiAggregation', event.target.value as PlanSettingsValues['kpiAggregation'])
        }
      />
      <SelectField
        id={`${idPrefix}-task-aggregation`}
        label={t('settings.taskAggregation')}
        value={values.taskAggregation}
        options={listDomainOptions({
          japanese: TASK_AGGREGATION_LABELS,
          english: ENGLISH_TASK_AGGREGATION_LABELS,
          locale,
        })}
        onChange={(event) =>
          setValue('taskAggregation', event.target.value as PlanSettingsValues['taskAggregation'])
        }
      />
    </>
  );
}
