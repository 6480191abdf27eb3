import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { SeriesColumn } from '../../../domain/effects';
import type { SeriesDetail, SeriesRowView } from '../../../server/effects/effects.schemas';
import { sendJson } from '../../api';
import { fieldError, SelectField, TextAreaField, TextField } from '../../components/Form';
import { effectsKey, fromNumber, municipalityPath, toNumberInput } from './effects.api';
import {
  formatUnitName,
  RecordForm,
  suggestFiscalYear,
  useEffectsText,
  useFiscalYearOptions,
} from './shared';

type Series = SeriesDetail['series'];

interface ColumnDraft {
  key: string;
  label: string;
  unit: string;
  sumOf: string[];
  changeLabel: string;
}

function toDraft(column: SeriesColumn): ColumnDraft {
  return {
    key: column.key,
    label: column.label,
    unit: column.unit,
    sumOf: column.sumOf ?? [],
    changeLabel: column.changeLabel ?? '',
  };
}

function nextKey(columns: readonly ColumnDraft[]): string {
  let n = columns.length + 1;
  while (columns.some((column) => column.key === `c${n}`)) n++;
  return `c${n}`;
}

/**
 * A series' title and its columns: each column is entered, or the sum of others (印刷枚数計), and may show
 * its change from the previous year under a heading (前年増減数).
 */
export function SeriesForm({
  municipalityId,
  series,
  onDone,
}: {
  municipalityId: string;
  series?: Series;
  onDone: (detail: SeriesDetail) => void;
}) {
  const id = useId();
  const { t } = useEffectsText();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(series?.title ?? '');
  const [description, setDescription] = useState(series?.description ?? '');
  const [source, setSource] = useState(series?.source ?? '');
  const [note, setNote] = useState(series?.note ?? '');
  const [columns, setColumns] = useState<ColumnDraft[]>(
    series?.columns.map(toDraft) ?? [{ key: 'c1', label: '', unit: '', sumOf: [], changeLabel: '' }],
  );
  const base = `${municipalityPath(municipalityId)}/series`;
  const mutation = useMutation({
    mutationFn: () => {
      const body = {
        title,
        description,
        source,
        note,
        columns: columns.map((column) => ({
          key: column.key,
          label: column.label,
          unit: column.unit,
          ...(column.sumOf.length > 0 && { sumOf: column.sumOf }),
          ...(column.changeLabel.trim() && { changeLabel: column.changeLabel.trim() }),
        })),
      };
      return series
        ? sendJson<SeriesDetail>('PATCH', `${base}/${encodeURIComponent(series.id)}`, {
            ...body,
            version: series.version,
          })
        : sendJson<SeriesDetail>('POST', base, body);
    },
    onSuccess: (detail) => {
      void queryClient.invalidateQueries({ queryKey: effectsKey(municipalityId) });
      onDone(detail);
    },
  });
  const update = (index: number, change: Partial<ColumnDraft>) =>
    setColumns(columns.map((column, i) => (i === index ? { ...column, ...change } : column)));
  return (
    <RecordForm
      label={series ? t('series.form.edit') : t('series.form.create')}
      error={mutation.error}
      onSubmit={() => mutation.mutate()}
      onReload={() => void queryClient.invalidateQueries({ queryKey: effectsKey(municipalityId) })}
    >
      <TextField
        id={`${id}-title`}
        label={t('common.title')}
        hint={t('series.form.titleHint')}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={fieldError(mutation.error, 'title')}
        required
      />
      <TextAreaField
        id={`${id}-description`}
        label={t('series.form.description')}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        error={fieldError(mutation.error, 'description')}
      />
      <fieldset className="fieldset column-editor">
        <legend className="field__label">{t('series.form.columns')}</legend>
        <p className="field__hint">{t('series.form.columnsHint')}</p>
        {columns.map((column, index) => {
          const others = columns.filter((other) => other.key !== column.key && other.sumOf.length === 0);
          return (
            <fieldset key={column.key} className="column-editor__column">
              <legend>{t('series.form.column', { number: index + 1 })}</legend>
              <div className="field-row">
                <TextField
                  id={`${id}-${column.key}-label`}
                  label={t('series.form.columnLabel')}
                  value={column.label}
                  onChange={(event) => update(index, { label: event.target.value })}
                  error={fieldError(mutation.error, `columns[${index}].label`)}
                  required
                />
                <TextField
                  id={`${id}-${column.key}-unit`}
                  label={t('series.form.unit')}
                  hint={t('series.form.unitHint')}
                  value={column.unit}
                  onChange={(event) => update(index, { unit: event.target.value })}
                  error={fieldError(mutation.error, `columns[${index}].unit`)}
                />
                <TextField
                  id={`${id}-${column.key}-change`}
                  label={t('series.form.changeLabel')}
                  hint={t('series.form.changeLabelHint')}
                  value={column.changeLabel}
                  onChange={(event) => update(index, { changeLabel: event.target.value })}
                  error={fieldError(mutation.error, `columns[${index}].changeLabel`)}
                />
              </div>
              {others.length >= 2 && (
                <fieldset className="fieldset">
                  <legend className="field__label">{t('series.form.sumOf')}</legend>
                  {fieldError(mutation.error, `columns[${index}].sumOf`) && (
                    <p className="field__error">
                      <span aria-hidden="true">⚠ </span>
                      {fieldError(mutation.error, `columns[${index}].sumOf`)}
                    </p>
                  )}
                  <ul className="checkbox-list">
                    {others.map((other) => (
                      <li key={other.key}>
                        <label>
                          <input
                            type="checkbox"
                            checked={column.sumOf.includes(other.key)}
                            onChange={(event) =>
                              update(index, {
                                sumOf: event.target.checked
                                  ? [...column.sumOf, other.key]
                                  : column.sumOf.filter((key) => key !== other.key),
                              })
                            }
                          />{' '}
                          {other.label || t('series.form.column', { number: columns.indexOf(other) + 1 })}
                        </label>
                      </li>
                    ))}
                  </ul>
                </fieldset>
              )}
              {columns.length > 1 && (
                <button
                  type="button"
                  className="button button--small button--danger"
                  onClick={() => setColumns(columns.filter((_, i) => i !== index))}
                >
                  {t('series.form.deleteColumn', { number: index + 1 })}
                </button>
              )}
            </fieldset>
          );
        })}
        <button
          type="button"
          className="button button--small button--secondary"
          onClick={() =>
            setColumns([
              ...columns,
              { key: nextKey(columns), label: '', unit: '', sumOf: [], changeLabel: '' },
            ])
          }
        >
          {t('series.form.addColumn')}
        </button>
      </fieldset>
      <TextField
        id={`${id}-source`}
        label={t('common.sourceOptional')}
        value={source}
        onChange={(event) => setSource(event.target.value)}
        error={fieldError(mutation.error, 'source')}
      />
      <TextAreaField
        id={`${id}-note`}
        label={t('common.noteOptional')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={fieldError(mutation.error, 'note')}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {series ? t('common.save') : t('common.register')}
        </button>
      </div>
    </RecordForm>
  );
}

function toTextRecord(record: Record<string, number | null> | null | undefined): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [key, value] of Object.entries(record ?? {})) texts[key] = fromNumber(value);
  return texts;
}

function toFigureRecord(texts: Record<string, string>, keys: readonly string[]) {
  const record: Record<string, number | string | null> = {};
  for (const key of keys) {
    const value = toNumberInput(texts[key] ?? '');
    if (value !== null) record[key] = value;
  }
  return record;
}

/** One fiscal year of a series: a value per entered column, and optionally what the document states. */
export function SeriesRowForm({
  municipalityId,
  series,
  row,
  onDone,
}: {
  municipalityId: string;
  series: Series;
  row?: SeriesRowView;
  onDone: (detail: SeriesDetail) => void;
}) {
  const id = useId();
  const { t, locale } = useEffectsText();
  const queryClient = useQueryClient();
  const entered = series.columns.filter((column) => !column.sumOf);
  const summed = series.columns.filter((column) => column.sumOf);
  const changing = series.columns.filter((column) => column.changeLabel);
  const years = series.years;
  const suggested = years.length > 0 ? String(Math.max(...years) + 1) : suggestFiscalYear();
  const [fy, setFy] = useState(row ? String(row.fy) : suggested);
  const fiscalYears = useFiscalYearOptions(Number(fy));
  const [values, setValues] = useState<Record<string, string>>(toTextRecord(row?.entered));
  const [statedValues, setStatedValues] = useState<Record<string, string>>(toTextRecord(row?.statedValues));
  const [statedChanges, setStatedChanges] = useState<Record<string, string>>(
    toTextRecord(row?.statedChanges),
  );
  const [note, setNote] = useState(row?.note ?? '');
  const base = `${municipalityPath(municipalityId)}/series/${encodeURIComponent(series.id)}/rows`;
  const mutation = useMutation({
    mutationFn: () => {
      const stated = toFigureRecord(
        statedValues,
        summed.map((column) => column.key),
      );
      const changes = toFigureRecord(
        statedChanges,
        changing.map((column) => column.key),
      );
      const body = {
        fy: Number(fy),
        values: Object.fromEntries(
          entered.map((column) => [column.key, toNumberInput(values[column.key] ?? '')]),
        ),
        statedValues: Object.keys(stated).length > 0 ? stated : null,
        statedChanges: Object.keys(changes).length > 0 ? changes : null,
        note,
      };
      return row
        ? sendJson<SeriesDetail>('PATCH', `${base}/${encodeURIComponent(row.id)}`, {
            ...body,
            version: row.version,
          })
        : sendJson<SeriesDetail>('POST', base, body);
    },
    onSuccess: (detail) => {
      queryClient.setQueryData([...effectsKey(municipalityId), 'series', series.id], detail);
      void queryClient.invalidateQueries({ queryKey: effectsKey(municipalityId) });
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
      onDone(detail);
    },
  });
  return (
    <RecordForm
      label={row ? t('series.form.editRow', { fy: row.fy }) : t('series.form.addRow')}
      error={mutation.error}
      onSubmit={() => mutation.mutate()}
      onReload={() => void queryClient.invalidateQueries({ queryKey: effectsKey(municipalityId) })}
    >
      <SelectField
        id={`${id}-fy`}
        label={t('common.fy')}
        value={fy}
        options={fiscalYears}
        onChange={(event) => setFy(event.target.value)}
        error={fieldError(mutation.error, 'fy')}
        required
      />
      <div className="field-row">
        {entered.map((column) => (
          <TextField
            key={column.key}
            id={`${id}-${column.key}`}
            label={t('common.labelWithUnit', {
              label: column.label,
              unit: formatUnitName({ unit: column.unit, locale }),
            })}
            hint={t('series.form.valueHint')}
            inputMode="decimal"
            value={values[column.key] ?? ''}
            onChange={(event) => setValues({ ...values, [column.key]: event.target.value })}
            error={fieldError(mutation.error, `values.${column.key}`)}
          />
        ))}
      </div>
      {(summed.length > 0 || changing.length > 0) && (
        <details className="disclosure">
          <summary>{t('series.form.stated')}</summary>
          <div className="field-row">
            {summed.map((column) => (
              <TextField
                key={column.key}
                id={`${id}-stated-${column.key}`}
                label={t('series.form.statedValue', {
                  label: column.label,
                  unit: formatUnitName({ unit: column.unit, locale }),
                })}
                inputMode="decimal"
                value={statedValues[column.key] ?? ''}
                onChange={(event) => setStatedValues({ ...statedValues, [column.key]: event.target.value })}
                error={fieldError(mutation.error, `statedValues.${column.key}`)}
              />
            ))}
            {changing.map((column) => (
              <TextField
                key={column.key}
                id={`${id}-change-${column.key}`}
                label={t('series.form.statedChange', {
                  change: column.changeLabel ?? '',
                  label: column.label,
                })}
                inputMode="decimal"
                value={statedChanges[column.key] ?? ''}
                onChange={(event) => setStatedChanges({ ...statedChanges, [column.key]: event.target.value })}
                error={fieldError(mutation.error, `statedChanges.${column.key}`)}
              />
            ))}
          </div>
        </details>
      )}
      <TextField
        id={`${id}-note`}
        label={t('common.noteOptional')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={fieldError(mutation.error, 'note')}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {row ? t('common.save') : t('common.add')}
        </button>
      </div>
    </RecordForm>
  );
}
