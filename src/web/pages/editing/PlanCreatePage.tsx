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
  useDocumentTitle(formatPageTitle('計画の新規作成'));
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
          { key: 'home', content: <Link to="/">計画一覧</Link> },
          { key: 'new', content: '計画の新規作成' },
        ]}
      />
      <h1>計画の新規作成</h1>
      <p className="lead">
        計画の名称・期間・階層の名称と評価の方法を決めて、空の計画を作ります。テーマやアクション、年度タスク、指標は、作成後の編集画面で追加します。
      </p>
      {session.user.superAdmin && <MunicipalityForm onCreated={setCreatedMunicipalityId} />}
      {municipalities.length === 0 ? (
        <p className="notice">
          計画を作成できる自治体がありません。システム管理者に自治体の登録を依頼してください。
        </p>
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
      <h2 id="plan-form-heading">計画の設定</h2>
      <form className="form" noValidate onSubmit={onSubmit}>
        <FormError error={mutation.error} />
        <SelectField
          id="new-plan-municipality"
          label="自治体"
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
          errorFor={(path) => pickFieldError(errors, mutation.error, path)}
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            計画を作成する
          </button>
        </div>
      </form>
    </section>
  );
}

/** 全国地方公共団体コード with its check digit, name and prefecture (the deployment operator only). */
function MunicipalityForm({ onCreated }: { onCreated: (municipalityId: string) => void }) {
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
      ? `検査数字は ${computeMunicipalityCheckDigit(digits.slice(0, 5))} です（${digits.slice(0, 5)}${computeMunicipalityCheckDigit(digits.slice(0, 5))}）`
      : '6桁（5桁＋検査数字）。例: 嘉麻市 402273';
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const input = { code: digits, name, prefecture };
    const found = collectFieldErrors(municipalityFieldsSchema, input);
    setErrors(found);
    if (Object.keys(found).length === 0) mutation.mutate(input);
  };
  return (
    <details className="disclosure">
      <summary>一覧にない自治体を登録する（システム管理者）</summary>
      <form className="form" noValidate onSubmit={onSubmit} aria-label="自治体の登録">
        <FormError error={mutation.error} />
        {mutation.isSuccess && (
          <p className="notice notice--success" role="status">
            自治体を登録しました。下の「自治体」で選ばれています。
          </p>
        )}
        <TextField
          id="new-municipality-code"
          label="全国地方公共団体コード"
          hint={checkHint}
          inputMode="numeric"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          error={pickFieldError(errors, mutation.error, 'code')}
          required
        />
        <TextField
          id="new-municipality-name"
          label="自治体名"
          hint="例: 嘉麻市"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={pickFieldError(errors, mutation.error, 'name')}
          required
        />
        <TextField
          id="new-municipality-prefecture"
          label="都道府県"
          hint="例: 福岡県"
          value={prefecture}
          onChange={(event) => setPrefecture(event.target.value)}
          error={pickFieldError(errors, mutation.error, 'prefecture')}
          required
        />
        <div className="form__actions">
          <button type="submit" className="button button--secondary" disabled={mutation.isPending}>
            自治体を登録する
          </button>
        </div>
      </form>
    </details>
  );
}
