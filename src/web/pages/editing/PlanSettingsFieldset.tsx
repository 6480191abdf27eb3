import {
  KPI_AGGREGATION_LABELS,
  KPI_BASIS_LABELS,
  RATE_BASIS_LABELS,
  TASK_AGGREGATION_LABELS,
} from '../../../domain/history';
import type { RateBasis } from '../../../domain/plan.schemas';
import { SelectField, TextField } from '../../components/Form';
import { listFiscalYearOptions, type PlanSettingsValues } from './plan-settings';

interface FieldsetProps {
  idPrefix: string;
  values: PlanSettingsValues;
  setValue: <Field extends keyof PlanSettingsValues>(field: Field, value: PlanSettingsValues[Field]) => void;
  errorFor: (path: string) => string | undefined;
}

const MAX_LEVELS = 5;
const MAX_BANDS = 10;

function toOptions(labels: Record<string, string>) {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

/** A plan's settings: name, period (in 和暦), level names, and how its actions are rated. */
export function PlanSettingsFieldset({ idPrefix, values, setValue, errorFor }: FieldsetProps) {
  const years = listFiscalYearOptions([Number(values.startFy), Number(values.endFy)].filter(Number.isFinite));
  return (
    <>
      <TextField
        id={`${idPrefix}-title`}
        label="計画の名称"
        hint="例: 第2次 嘉麻市デジタル推進計画"
        value={values.title}
        onChange={(event) => setValue('title', event.target.value)}
        error={errorFor('title')}
        required
      />
      <TextField
        id={`${idPrefix}-slug`}
        label="スラッグ（URL・ファイル名に使う英数字の名前）"
        hint="半角英数字と - _ 。例: kama-digital-plan-2"
        value={values.slug}
        onChange={(event) => setValue('slug', event.target.value)}
        error={errorFor('slug')}
        autoComplete="off"
        required
      />
      <fieldset className="fieldset editing-fieldset">
        <legend className="field__label">計画期間（年度）</legend>
        <div className="editing-row">
          <SelectField
            id={`${idPrefix}-start-fy`}
            label="始まり"
            value={values.startFy}
            options={years}
            onChange={(event) => setValue('startFy', event.target.value)}
            error={errorFor('period.startFy')}
          />
          <SelectField
            id={`${idPrefix}-end-fy`}
            label="終わり"
            value={values.endFy}
            options={years}
            onChange={(event) => setValue('endFy', event.target.value)}
            error={errorFor('period.endFy') ?? errorFor('period')}
          />
        </div>
      </fieldset>

      <fieldset className="fieldset editing-fieldset">
        <legend className="field__label">階層の名称（上から）</legend>
        <p className="field__hint">
          例: テーマ → 重点施策。階層を使わない計画（取組項目だけの計画など）では、すべて削除してください。
        </p>
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
                label={`${index + 1}段目の名称`}
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
                削除<span className="visually-hidden">（{index + 1}段目の名称）</span>
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
              階層を追加
            </button>
          </p>
        )}
      </fieldset>

      <TextField
        id={`${idPrefix}-action-level`}
        label="評価する単位の名称"
        hint="例: アクション、取組項目"
        value={values.actionLevel}
        onChange={(event) => setValue('actionLevel', event.target.value)}
        error={errorFor('actionLevel')}
        required
      />

      <fieldset className="fieldset editing-fieldset">
        <legend className="field__label">評価区分（上から、下限 % 以上）</legend>
        <p className="field__hint">
          達成率を小数第1位で表示した値が下限以上なら、その区分になります。最後の区分の下限は 0 です。
        </p>
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
                label={`${index + 1}番目の区分の名称`}
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
                label={`${index + 1}番目の区分の下限（%）`}
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
                  削除<span className="visually-hidden">（{band.label || `${index + 1}番目の区分`}）</span>
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
              区分を追加
            </button>
          </p>
        )}
      </fieldset>

      <fieldset className="fieldset editing-fieldset">
        <legend className="field__label">評価根拠の順序（評価方法のフローチャート）</legend>
        <p className="field__hint">上から順に、算定できるものでアクションを評価します。</p>
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
              label={`${index + 1}番目`}
              value={values.basisOrder[index] ?? ''}
              options={[
                ...(index > 0 ? [{ value: '', label: '使わない' }] : []),
                ...toOptions(RATE_BASIS_LABELS),
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
        label="指標の算定基準（既定）"
        hint="指標ごとに変えることもできます。「基準値からの伸び」は、30%向上・2倍のような目標に使います。"
        value={values.defaultKpiBasis}
        options={toOptions(KPI_BASIS_LABELS)}
        onChange={(event) =>
          setValue('defaultKpiBasis', event.target.value as PlanSettingsValues['defaultKpiBasis'])
        }
        error={errorFor('evaluation.defaultKpiBasis')}
      />
      <SelectField
        id={`${idPrefix}-kpi-aggregation`}
        label="1つのアクションに複数の指標があるとき"
        value={values.kpiAggregation}
        options={toOptions(KPI_AGGREGATION_LABELS)}
        onChange={(event) =>
          setValue('kpiAggregation', event.target.value as PlanSettingsValues['kpiAggregation'])
        }
      />
      <SelectField
        id={`${idPrefix}-task-aggregation`}
        label="1つの年度に複数のタスク（複数の課）があるとき"
        value={values.taskAggregation}
        options={toOptions(TASK_AGGREGATION_LABELS)}
        onChange={(event) =>
          setValue('taskAggregation', event.target.value as PlanSettingsValues['taskAggregation'])
        }
      />
    </>
  );
}
