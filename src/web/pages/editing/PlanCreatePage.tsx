import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { fiscalYearOfDate } from '../../../domain/fiscal-year';
import { computeMunicipalityCheckDigit } from '../../../domain/municipality-code';
import { municipalityFieldsSchema } from '../../../domain/plan-editing.schemas';
import { can } from '../../../domain/policy';
import type { PlanSettingsRecord } from '../../../server/editing/editing.schemas';
import { sendJson } from '../../api';
import { SESSION_QUERY_KEY, toActor, useSession } from '../../auth/session';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { FormError, SelectField, TextField } from '../../components/Form';
import { formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useAreaMessages } from '../../i18n/i18n';
import { editingMessages } from './editing.messages';
import { collectFieldErrors, type FieldErrors, pickFieldError } from './form-values';
import { PlanSettingsFieldset } from './PlanSettingsFieldset';
import {
  buildNewPlanValues,
  type PlanSettingsValues,
  toPlanSettingsPayload,
  validatePlanSettings,
} from './plan-settings';

/** A new plan from scratch: which municipality, then its settings. The super-admin may register a municipality first. */
export function PlanCreatePage() {
  const { t } = useAreaMessages(editingMessages);
  useDocumentTitle(formatPageTitle(t('create.title')));
  const session = useSession();
  const [createdMunicipalityId, setCreatedMunicipalityId] = useState<string | null>(null);
  if (!session) return null;
  const actor = toActor(session);
  const municipalities = session.memberships
    .map((membership) => membership.municipality)
    .filter((municipality) => can(actor, 'plan.edit', { municipalityId: municipality.id }));

  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">{t('common.plans')}</Link> },
          { key: 'new', content: t('create.title') },
        ]}
      />
      <h1>{t('create.title')}</h1>
      <p className="lead">{t('create.lead')}</p>
      {session.user.superAdmin && <MunicipalityForm onCreated={setCreatedMunicipalityId} />}
      {municipalities.length === 0 ? (
        <p className="notice">{t('create.noMunicipality')}</p>
      ) : (
        <PlanForm
          key={createdMunicipalityId ?? 'plan'}
          municipalities={municipalities}
          initialMunicipalityId={createdMunicipalityId ?? municipalities[0]!.id}
        />
      )}
    </>
  );
}

function PlanForm({
  municipalities,
  initialMunicipalityId,
}: {
  municipalities: { id: string; name: string; prefecture: string }[];
  initialMunicipalityId: string;
}) {
  const { t, locale } = useAreaMessages(editingMessages);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [municipalityId, setMunicipalityId] = useState(initialMunicipalityId);
  const [values, setValues] = useState<PlanSettingsValues>(() =>
    buildNewPlanValues(fiscalYearOfDate(new Date().toISOString().slice(0, 10))),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const mutation = useMutation({
    mutationFn: () =>
      sendJson<PlanSettingsRecord>(
        'POST',
        `/api/municipalities/${encodeURIComponent(municipalityId)}/plans`,
        toPlanSettingsPayload(values),
      ),
    onSuccess: (plan) => {
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
      void queryClient.invalidateQueries({ queryKey: ['municipalities'] });
      void navigate({ to: '/plans/$planId/edit', params: { planId: plan.id } });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validatePlanSettings(values);
    setErrors(found);
    if (Object.keys(found).length === 0) mutation.mutate();
  };
  return (
    <section className="section" aria-labelledby="plan-form-heading">
      <h2 id="plan-form-heading">{t('create.settingsHeading')}</h2>
      <form className="form" noValidate onSubmit={onSubmit}>
        <FormError error={mutation.error} />
        <SelectField
          id="new-plan-municipality"
          label={t('create.municipality')}
          value={municipalityId}
          options={municipalities.map((municipality) => ({
            value: municipality.id,
            label: `${municipality.prefecture} ${municipality.name}`,
          }))}
          onChange={(event) => setMunicipalityId(event.target.value)}
        />
        <PlanSettingsFieldset
          idPrefix="new-plan"
          values={values}
          setValue={(field, value) => setValues((current) => ({ ...current, [field]: value }))}
          errorFor={(path) =>
            pickFieldError({ errors: errors, apiError: mutation.error, path: path, locale })
          }
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {t('create.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** 全国地方公共団体コード with its check digit, name and prefecture (the deployment operator only). */
function MunicipalityForm({ onCreated }: { onCreated: (municipalityId: string) => void }) {
  const { t, locale } = useAreaMessages(editingMessages);
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [prefecture, setPrefecture] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const mutation = useMutation({
    mutationFn: (input: { code: string; name: string; prefecture: string }) =>
      sendJson<{ id: string }>('POST', '/api/municipalities', input),
    onSuccess: async (municipality) => {
      setCode('');
      setName('');
      setPrefecture('');
      await queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
      void queryClient.invalidateQueries({ queryKey: ['municipalities'] });
      onCreated(municipality.id);
    },
  });
  const digits = code.trim();
  const checkHint =
    /^\d{5}$/.test(digits) || /^\d{6}$/.test(digits)
      ? t('municipality.checkDigit', {
          digit: computeMunicipalityCheckDigit(digits.slice(0, 5)),
          code: `${digits.slice(0, 5)}${computeMunicipalityCheckDigit(digits.slice(0, 5))}`,
        })
      : t('municipality.codeHint');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const input = { code: digits, name, prefecture };
    const found = collectFieldErrors(municipalityFieldsSchema, input);
    setErrors(found);
    if (Object.keys(found).length === 0) mutation.mutate(input);
  };
  return (
    <details className="disclosure">
      <summary>{t('municipality.summary')}</summary>
      <form className="form" noValidate onSubmit={onSubmit} aria-label={t('municipality.formLabel')}>
        <FormError error={mutation.error} />
        {mutation.isSuccess && (
          <p className="notice notice--success" role="status">
            {t('municipality.created')}
          </p>
        )}
        <TextField
          id="new-municipality-code"
          label={t('municipality.code')}
          hint={checkHint}
          inputMode="numeric"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          error={pickFieldError({ errors: errors, apiError: mutation.error, path: 'code', locale })}
          required
        />
        <TextField
          id="new-municipality-name"
          label={t('municipality.name')}
          hint={t('municipality.nameHint')}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={pickFieldError({ errors: errors, apiError: mutation.error, path: 'name', locale })}
          required
        />
        <TextField
          id="new-municipality-prefecture"
          label={t('municipality.prefecture')}
          hint={t('municipality.prefectureHint')}
          value={prefecture}
          onChange={(event) => setPrefecture(event.target.value)}
          error={pickFieldError({ errors: errors, apiError: mutation.error, path: 'prefecture', locale })}
          required
        />
        <div className="form__actions">
          <button type="submit" className="button button--secondary" disabled={mutation.isPending}>
            {t('municipality.submit')}
          </button>
        </div>
      </form>
    </details>
  );
}
