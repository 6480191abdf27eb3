import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { AmountUnit, FundingKind } from '../../../domain/effects';
import type {
  EffectOptions,
  FundingItemView,
  FundingListDetail,
} from '../../../server/effects/effects.schemas';
import { sendJson } from '../../api';
import { fieldError, SelectField, TextAreaField, TextField } from '../../components/Form';
import { effectsKey, fromNumber, fromYen, municipalityPath, toNumberInput, toYenInput } from './effects.api';
import {
  ActionChoice,
  amountUnitLabel,
  RecordForm,
  suggestFiscalYear,
  useEffectsText,
  useFiscalYearOptions,
} from './shared';

type List = FundingListDetail['list'];

const UNIT_STORAGE_KEY = 'kiseki.amountUnit';

/** The user's choice of 千円 or 円, kept on this browser. */
export function useAmountUnit(): [AmountUnit, (unit: AmountUnit) => void] {
  const [unit, setUnit] = useState<AmountUnit>(() =>
    window.localStorage.getItem(UNIT_STORAGE_KEY) === 'yen' ? 'yen' : 'thousand',
  );
  return [
    unit,
    (next) => {
      window.localStorage.setItem(UNIT_STORAGE_KEY, next);
      setUnit(next);
    },
  ];
}

export function AmountUnitChoice({
  unit,
  onChange,
}: {
  unit: AmountUnit;
  onChange: (unit: AmountUnit) => void;
}) {
  const name = useId();
  const text = useEffectsText();
  return (
    <fieldset className="fieldset unit-choice">
      <legend className="field__label">{text.t('funding.unitLegend')}</legend>
      {(['thousand', 'yen'] as const).map((value) => (
        <label key={value}>
          <input type="radio" name={name} checked={unit === value} onChange={() => onChange(value)} />{' '}
          {amountUnitLabel({ unit: value, text })}
        </label>
      ))}
    </fieldset>
  );
}

export function FundingListForm({
  municipalityId,
  list,
  unit,
  onDone,
}: {
  municipalityId: string;
  list?: List;
  unit: AmountUnit;
  onDone: (detail: FundingListDetail) => void;
}) {
  const id = useId();
  const text = useEffectsText();
  const { t } = text;
  const fiscalYears = useFiscalYearOptions(list?.fy);
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<FundingKind>(list?.kind ?? 'grant');
  const [title, setTitle] = useState(list?.title ?? '');
  const [fy, setFy] = useState(list ? String(list.fy) : suggestFiscalYear());
  const [program, setProgram] = useState(list?.program ?? '');
  const [source, setSource] = useState(list?.source ?? '');
  const [note, setNote] = useState(list?.note ?? '');
  const [statedProjectCost, setStatedProjectCost] = useState(fromYen(list?.statedProjectCost, unit));
  const [statedGrantAmount, setStatedGrantAmount] = useState(fromYen(list?.statedGrantAmount, unit));
  const [statedBudgetAmount, setStatedBudgetAmount] = useState(fromYen(list?.statedBudgetAmount, unit));
  const unitLabel = amountUnitLabel({ unit, text });
  const base = `${municipalityPath(municipalityId)}/funding-lists`;
  const mutation = useMutation({
    mutationFn: () => {
      const body = {
        title,
        fy: Number(fy),
        program,
        source,
        note,
        statedProjectCost: kind === 'grant' ? toYenInput(statedProjectCost, unit) : null,
        statedGrantAmount: kind === 'grant' ? toYenInput(statedGrantAmount, unit) : null,
        statedBudgetAmount: kind === 'budget' ? toYenInput(statedBudgetAmount, unit) : null,
      };
      return list
        ? sendJson<FundingListDetail>('PATCH', `${base}/${encodeURIComponent(list.id)}`, {
            ...body,
            version: list.version,
          })
        : sendJson<FundingListDetail>('POST', base, { ...body, kind });
    },
    onSuccess: (detail) => {
      void queryClient.invalidateQueries({ queryKey: effectsKey(municipalityId) });
      onDone(detail);
    },
  });
  return (
    <RecordForm
      label={list ? t('funding.form.editList') : t('funding.form.createList')}
      error={mutation.error}
      onSubmit={() => mutation.mutate()}
      onReload={() => void queryClient.invalidateQueries({ queryKey: effectsKey(municipalityId) })}
    >
      {!list && (
        <SelectField
          id={`${id}-kind`}
          label={t('funding.form.kind')}
          value={kind}
          options={(['grant', 'budget'] as const).map((value) => ({
            value,
            label: value === 'grant' ? t('funding.form.kindGrant') : t('funding.form.kindBudget'),
          }))}
          onChange={(event) => setKind(event.target.value as FundingKind)}
          required
        />
      )}
      <TextField
        id={`${id}-title`}
        label={t('common.title')}
        hint={kind === 'grant' ? t('funding.form.titleHintGrant') : t('funding.form.titleHintBudget')}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={fieldError(mutation.error, 'title')}
        required
      />
      <div className="field-row">
        <SelectField
          id={`${id}-fy`}
          label={t('common.fy')}
          value={fy}
          options={fiscalYears}
          onChange={(event) => setFy(event.target.value)}
          error={fieldError(mutation.error, 'fy')}
          required
        />
        <TextField
          id={`${id}-program`}
          label={kind === 'grant' ? t('funding.form.programGrant') : t('funding.form.programBudget')}
          hint={kind === 'grant' ? t('funding.form.programHintGrant') : t('funding.form.programHintBudget')}
          value={program}
          onChange={(event) => setProgram(event.target.value)}
          error={fieldError(mutation.error, 'program')}
        />
      </div>
      {kind === 'grant' ? (
        <div className="field-row">
          <TextField
            id={`${id}-stated-cost`}
            label={t('funding.form.statedProjectCost', { unit: unitLabel })}
            inputMode="decimal"
            value={statedProjectCost}
            onChange={(event) => setStatedProjectCost(event.target.value)}
            error={fieldError(mutation.error, 'statedProjectCost')}
          />
          <TextField
            id={`${id}-stated-grant`}
            label={t('funding.form.statedGrantAmount', { unit: unitLabel })}
            inputMode="decimal"
            value={statedGrantAmount}
            onChange={(event) => setStatedGrantAmount(event.target.value)}
            error={fieldError(mutation.error, 'statedGrantAmount')}
          />
        </div>
      ) : (
        <TextField
          id={`${id}-stated-budget`}
          label={t('funding.form.statedBudgetAmount', { unit: unitLabel })}
          inputMode="decimal"
          value={statedBudgetAmount}
          onChange={(event) => setStatedBudgetAmount(event.target.value)}
          error={fieldError(mutation.error, 'statedBudgetAmount')}
        />
      )}
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
          {list ? t('common.save') : t('common.register')}
        </button>
      </div>
    </RecordForm>
  );
}

export function FundingItemForm({
  municipalityId,
  list,
  item,
  unit,
  options,
  onDone,
}: {
  municipalityId: string;
  list: List;
  item?: FundingItemView;
  unit: AmountUnit;
  options: EffectOptions;
  onDone: (detail: FundingListDetail) => void;
}) {
  const id = useId();
  const text = useEffectsText();
  const { t } = text;
  const queryClient = useQueryClient();
  const isGrant = list.kind === 'grant';
  const unitLabel = amountUnitLabel({ unit, text });
  const [number, setNumber] = useState(item?.number ?? '');
  const [name, setName] = useState(item?.name ?? '');
  const [summary, setSummary] = useState(item?.summary ?? '');
  const [type, setType] = useState(item?.type ?? '');
  const [projectCost, setProjectCost] = useState(fromYen(item?.projectCost, unit));
  const [grantAmount, setGrantAmount] = useState(fromYen(item?.grantAmount, unit));
  const [budgetAmount, setBudgetAmount] = useState(fromYen(item?.budgetAmount, unit));
  const [numerator, setNumerator] = useState(fromNumber(item?.subsidyRate?.numerator));
  const [denominator, setDenominator] = useState(fromNumber(item?.subsidyRate?.denominator));
  const [note, setNote] = useState(item?.note ?? '');
  const [actionIds, setActionIds] = useState<string[]>(item?.actions.map((action) => action.id) ?? []);
  const base = `${municipalityPath(municipalityId)}/funding-lists/${encodeURIComponent(list.id)}/items`;
  const mutation = useMutation({
    mutationFn: () => {
      const rateGiven = numerator.trim() !== '' || denominator.trim() !== '';
      const body = {
        number,
        name,
        summary,
        type: isGrant ? type : '',
        projectCost: isGrant ? toYenInput(projectCost, unit) : null,
        grantAmount: isGrant ? toYenInput(grantAmount, unit) : null,
        budgetAmount: isGrant ? null : toYenInput(budgetAmount, unit),
        subsidyRate:
          isGrant && rateGiven
            ? { numerator: toNumberInput(numerator), denominator: toNumberInput(denominator) }
            : null,
        note,
        actionIds,
      };
      return item
        ? sendJson<FundingListDetail>('PATCH', `${base}/${encodeURIComponent(item.id)}`, {
            ...body,
            version: item.version,
          })
        : sendJson<FundingListDetail>('POST', base, body);
    },
    onSuccess: (detail) => {
      queryClient.setQueryData([...effectsKey(municipalityId), 'funding', list.id], detail);
      void queryClient.invalidateQueries({ queryKey: effectsKey(municipalityId) });
      onDone(detail);
    },
  });
  return (
    <RecordForm
      label={item ? t('funding.form.editItem', { name: item.name }) : t('funding.form.addItem')}
      error={mutation.error}
      onSubmit={() => mutation.mutate()}
      onReload={() => void queryClient.invalidateQueries({ queryKey: effectsKey(municipalityId) })}
    >
      <div className="field-row">
        <TextField
          id={`${id}-number`}
          label={t('funding.form.number')}
          value={number}
          onChange={(event) => setNumber(event.target.value)}
          error={fieldError(mutation.error, 'number')}
        />
        <TextField
          id={`${id}-name`}
          label={t('funding.form.name')}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={fieldError(mutation.error, 'name')}
          required
        />
      </div>
      {isGrant ? (
        <>
          <TextField
            id={`${id}-type`}
            label={t('funding.form.type')}
            hint={t('funding.form.typeHint')}
            list={`${id}-types`}
            value={type}
            onChange={(event) => setType(event.target.value)}
            error={fieldError(mutation.error, 'type')}
          />
          <datalist id={`${id}-types`}>
            {options.fundingTypes.map((value) => (
              <option key={value} value={value} />
            ))}
          </datalist>
          <div className="field-row">
            <TextField
              id={`${id}-cost`}
              label={t('funding.form.projectCost', { unit: unitLabel })}
              inputMode="decimal"
              value={projectCost}
              onChange={(event) => setProjectCost(event.target.value)}
              error={fieldError(mutation.error, 'projectCost')}
              required
            />
            <TextField
              id={`${id}-grant`}
              label={t('funding.form.grantAmount', { unit: unitLabel })}
              inputMode="decimal"
              value={grantAmount}
              onChange={(event) => setGrantAmount(event.target.value)}
              error={fieldError(mutation.error, 'grantAmount')}
              required
            />
          </div>
          <fieldset className="fieldset">
            <legend className="field__label">{t('funding.form.subsidyRate')}</legend>
            <div className="field-row field-row--fraction">
              <TextField
                id={`${id}-numerator`}
                label={t('funding.form.numerator')}
                inputMode="numeric"
                value={numerator}
                onChange={(event) => setNumerator(event.target.value)}
                error={fieldError(mutation.error, 'subsidyRate.numerator')}
              />
              <span aria-hidden="true" className="fraction-slash">
                /
              </span>
              <TextField
                id={`${id}-denominator`}
                label={t('funding.form.denominator')}
                inputMode="numeric"
                value={denominator}
                onChange={(event) => setDenominator(event.target.value)}
                error={fieldError(mutation.error, 'subsidyRate.denominator')}
              />
            </div>
          </fieldset>
        </>
      ) : (
        <TextField
          id={`${id}-budget`}
          label={t('funding.form.budgetAmount', { unit: unitLabel })}
          inputMode="decimal"
          value={budgetAmount}
          onChange={(event) => setBudgetAmount(event.target.value)}
          error={fieldError(mutation.error, 'budgetAmount')}
          required
        />
      )}
      <TextAreaField
        id={`${id}-summary`}
        label={t('funding.form.summary')}
        value={summary}
        onChange={(event) => setSummary(event.target.value)}
        error={fieldError(mutation.error, 'summary')}
      />
      <ActionChoice
        actions={options.actions}
        selected={actionIds}
        onChange={setActionIds}
        error={fieldError(mutation.error, 'actionIds')}
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
          {item ? t('common.save') : t('common.add')}
        </button>
      </div>
    </RecordForm>
  );
}
