import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { BprProjectDetail, BprResultView, EffectOptions } from '../../../server/effects/effects.schemas';
import { sendJson } from '../../api';
import { fieldError, SelectField, TextAreaField, TextField } from '../../components/Form';
import { effectsKey, fromNumber, municipalityPath, toNumberInput } from './effects.api';
import { ActionChoice, RecordForm, suggestFiscalYear, useEffectsText, useFiscalYearOptions } from './shared';

type Project = BprProjectDetail['project'];

/** The header of a BPR project: title, year, source and the totals the document states. */
export function BprProjectForm({
  municipalityId,
  project,
  onDone,
}: {
  municipalityId: string;
  project?: Project;
  onDone: (detail: BprProjectDetail) => void;
}) {
  const id = useId();
  const { t } = useEffectsText();
  const fiscalYears = useFiscalYearOptions(project?.fy);
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(project?.title ?? '');
  const [fy, setFy] = useState(project ? String(project.fy) : suggestFiscalYear());
  const [source, setSource] = useState(project?.source ?? '');
  const [note, setNote] = useState(project?.note ?? '');
  const [statedHoursSaved, setStatedHoursSaved] = useState(fromNumber(project?.statedHoursSaved));
  const [statedReductionRate, setStatedReductionRate] = useState(fromNumber(project?.statedReductionRate));
  const base = `${municipalityPath(municipalityId)}/bpr-projects`;
  const mutation = useMutation({
    mutationFn: () => {
      const body = {
        title,
        fy: Number(fy),
        source,
        note,
        statedHoursSaved: toNumberInput(statedHoursSaved),
        statedReductionRate: toNumberInput(statedReductionRate),
      };
      return project
        ? sendJson<BprProjectDetail>('PATCH', `${base}/${encodeURIComponent(project.id)}`, {
            ...body,
            version: project.version,
          })
        : sendJson<BprProjectDetail>('POST', base, body);
    },
    onSuccess: (detail) => {
      void queryClient.invalidateQueries({ queryKey: effectsKey(municipalityId) });
      onDone(detail);
    },
  });
  return (
    <RecordForm
      label={project ? t('bpr.form.editProject') : t('bpr.form.createProject')}
      error={mutation.error}
      onSubmit={() => mutation.mutate()}
      onReload={() => void queryClient.invalidateQueries({ queryKey: effectsKey(municipalityId) })}
    >
      <TextField
        id={`${id}-title`}
        label={t('common.title')}
        hint={t('bpr.form.titleHint')}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={fieldError(mutation.error, 'title')}
        required
      />
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
        id={`${id}-source`}
        label={t('common.sourceOptional')}
        hint={t('bpr.form.sourceHint')}
        value={source}
        onChange={(event) => setSource(event.target.value)}
        error={fieldError(mutation.error, 'source')}
      />
      <div className="field-row">
        <TextField
          id={`${id}-stated-hours`}
          label={t('bpr.form.statedTotal')}
          hint={t('bpr.form.statedTotalHint')}
          inputMode="decimal"
          value={statedHoursSaved}
          onChange={(event) => setStatedHoursSaved(event.target.value)}
          error={fieldError(mutation.error, 'statedHoursSaved')}
        />
        <TextField
          id={`${id}-stated-rate`}
          label={t('bpr.form.statedRate')}
          inputMode="decimal"
          value={statedReductionRate}
          onChange={(event) => setStatedReductionRate(event.target.value)}
          error={fieldError(mutation.error, 'statedReductionRate')}
        />
      </div>
      <TextAreaField
        id={`${id}-note`}
        label={t('common.noteOptional')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={fieldError(mutation.error, 'note')}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {project ? t('common.save') : t('common.register')}
        </button>
      </div>
    </RecordForm>
  );
}

/**
 * One business process: department, hours before, hours after (or 未測定). The departments offered are
 * those the user may edit (an editor's own), so that a form never offers what the server refuses.
 */
export function BprResultForm({
  municipalityId,
  projectId,
  result,
  options,
  departmentIds,
  onDone,
}: {
  municipalityId: string;
  projectId: string;
  result?: BprResultView;
  options: EffectOptions;
  /** Departments the user may enter rows for; null: all. */
  departmentIds: string[] | null;
  onDone: (detail: BprProjectDetail) => void;
}) {
  const id = useId();
  const { t } = useEffectsText();
  const queryClient = useQueryClient();
  const departments = options.departments.filter(
    (department) => departmentIds === null || departmentIds.includes(department.id),
  );
  const [number, setNumber] = useState(result?.number ?? '');
  const [process, setProcess] = useState(result?.process ?? '');
  const [departmentId, setDepartmentId] = useState(result?.department.id ?? departments[0]?.id ?? '');
  const [hoursBefore, setHoursBefore] = useState(fromNumber(result?.hoursBefore));
  const [unmeasured, setUnmeasured] = useState(result ? result.hoursAfter === null : false);
  const [hoursAfter, setHoursAfter] = useState(fromNumber(result?.hoursAfter));
  const [statedHoursSaved, setStatedHoursSaved] = useState(fromNumber(result?.statedHoursSaved));
  const [note, setNote] = useState(result?.note ?? '');
  const [actionIds, setActionIds] = useState<string[]>(result?.actions.map((action) => action.id) ?? []);
  const base = `${municipalityPath(municipalityId)}/bpr-projects/${encodeURIComponent(projectId)}/results`;
  const mutation = useMutation({
    mutationFn: () => {
      const body = {
        number,
        process,
        departmentId,
        hoursBefore: toNumberInput(hoursBefore),
        hoursAfter: unmeasured ? null : toNumberInput(hoursAfter),
        statedHoursSaved: toNumberInput(statedHoursSaved),
        statedReductionRate: result?.statedReductionRate ?? null,
        note,
        actionIds,
      };
      return result
        ? sendJson<BprProjectDetail>('PATCH', `${base}/${encodeURIComponent(result.id)}`, {
            ...body,
            version: result.version,
          })
        : sendJson<BprProjectDetail>('POST', base, body);
    },
    onSuccess: (detail) => {
      queryClient.setQueryData([...effectsKey(municipalityId), 'bpr', projectId], detail);
      void queryClient.invalidateQueries({ queryKey: effectsKey(municipalityId) });
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
      if (!result) {
        setNumber('');
        setProcess('');
        setHoursBefore('');
        setHoursAfter('');
        setStatedHoursSaved('');
        setNote('');
        setActionIds([]);
        setUnmeasured(false);
      }
      onDone(detail);
    },
  });
  if (departments.length === 0) {
    return <p className="notice">{t('bpr.form.noDepartments')}</p>;
  }
  return (
    <RecordForm
      label={result ? t('bpr.form.editResult', { name: result.process }) : t('bpr.form.addResult')}
      error={mutation.error}
      onSubmit={() => mutation.mutate()}
      onReload={() => void queryClient.invalidateQueries({ queryKey: effectsKey(municipalityId) })}
    >
      <div className="field-row">
        <TextField
          id={`${id}-number`}
          label={t('bpr.form.number')}
          className="field__input field__input--short"
          value={number}
          onChange={(event) => setNumber(event.target.value)}
          error={fieldError(mutation.error, 'number')}
        />
        <TextField
          id={`${id}-process`}
          label={t('bpr.form.process')}
          value={process}
          onChange={(event) => setProcess(event.target.value)}
          error={fieldError(mutation.error, 'process')}
          required
        />
      </div>
      <SelectField
        id={`${id}-department`}
        label={t('bpr.form.department')}
        value={departmentId}
        options={departments.map((department) => ({ value: department.id, label: department.name }))}
        onChange={(event) => setDepartmentId(event.target.value)}
        error={fieldError(mutation.error, 'departmentId')}
        required
      />
      <div className="field-row">
        <TextField
          id={`${id}-before`}
          label={t('bpr.form.hoursBefore')}
          inputMode="decimal"
          value={hoursBefore}
          onChange={(event) => setHoursBefore(event.target.value)}
          error={fieldError(mutation.error, 'hoursBefore')}
          required
        />
        <TextField
          id={`${id}-after`}
          label={t('bpr.form.hoursAfter')}
          hint={unmeasured ? t('bpr.form.hoursAfterDisabled') : undefined}
          inputMode="decimal"
          value={unmeasured ? '' : hoursAfter}
          disabled={unmeasured}
          onChange={(event) => setHoursAfter(event.target.value)}
          error={fieldError(mutation.error, 'hoursAfter')}
        />
      </div>
      <label className="checkbox-field">
        <input
          type="checkbox"
          checked={unmeasured}
          onChange={(event) => setUnmeasured(event.target.checked)}
        />{' '}
        {t('bpr.form.unmeasured')}
      </label>
      <TextField
        id={`${id}-stated`}
        label={t('bpr.form.statedSaved')}
        hint={t('bpr.form.statedSavedHint')}
        inputMode="decimal"
        value={statedHoursSaved}
        onChange={(event) => setStatedHoursSaved(event.target.value)}
        error={fieldError(mutation.error, 'statedHoursSaved')}
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
          {result ? t('common.save') : t('common.add')}
        </button>
      </div>
    </RecordForm>
  );
}
