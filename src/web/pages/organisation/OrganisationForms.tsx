import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import {
  type BodyKind,
  bodyKinds,
  type MeetingStatus,
  type MemberRole,
  meetingStatuses,
  memberRoleSymbols,
  memberRoles,
} from '../../../domain/organisation';
import type { EffectOptions } from '../../../server/effects/effects.schemas';
import type {
  BodyDetail,
  BodyList,
  MeetingView,
  RosterView,
} from '../../../server/organisation/organisation.schemas';
import { sendJson } from '../../api';
import { fieldError, SelectField, TextAreaField, TextField } from '../../components/Form';
import { municipalityPath, organisationKey, toNumberInput } from '../effects/effects.api';
import { ActionChoice, RecordForm } from '../effects/shared';
import { useOrganisationText } from './organisation-text';

type Body = BodyDetail['body'];

/** Keys for rows being edited, which have no id of their own yet. */
let nextDraftId = 1;

interface StatedCountDraft {
  draftId: number;
  from: string;
  to: string;
  count: string;
  source: string;
}

export function BodyForm({
  municipalityId,
  body,
  bodies,
  departments,
  onDone,
}: {
  municipalityId: string;
  body?: Body;
  bodies: BodyList['bodies'];
  departments: EffectOptions['departments'];
  onDone: (detail: BodyDetail) => void;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const { t, formatKind } = useOrganisationText();
  const [kind, setKind] = useState<BodyKind>(body?.kind ?? 'team');
  const [name, setName] = useState(body?.name ?? '');
  const [number, setNumber] = useState(body?.number ?? '');
  const [parentId, setParentId] = useState(body?.parentId ?? '');
  const [remit, setRemit] = useState(body?.remit ?? '');
  const [composition, setComposition] = useState(body?.composition ?? '');
  const [establishedOn, setEstablishedOn] = useState(body?.establishedOn ?? '');
  const [secretariatId, setSecretariatId] = useState(body?.secretariat?.id ?? '');
  const [source, setSource] = useState(body?.source ?? '');
  const [note, setNote] = useState(body?.note ?? '');
  const [counts, setCounts] = useState<StatedCountDraft[]>(
    body?.statedMeetingCounts.map((count) => ({
      draftId: nextDraftId++,
      from: count.from,
      to: count.to,
      count: String(count.count),
      source: count.source ?? '',
    })) ?? [],
  );
  const base = `${municipalityPath(municipalityId)}/bodies`;
  const mutation = useMutation({
    mutationFn: () => {
      const payload = {
        kind,
        name,
        number,
        parentId: parentId || null,
        remit,
        composition,
        establishedOn: establishedOn || null,
        secretariatDepartmentId: secretariatId || null,
        statedMeetingCounts: counts.map((count) => ({
          from: count.from,
          to: count.to,
          count: toNumberInput(count.count),
          source: count.source,
        })),
        source,
        note,
      };
      return body
        ? sendJson<BodyDetail>('PATCH', `${base}/${encodeURIComponent(body.id)}`, {
            ...payload,
            version: body.version,
          })
        : sendJson<BodyDetail>('POST', base, payload);
    },
    onSuccess: (detail) => {
      void queryClient.invalidateQueries({ queryKey: organisationKey(municipalityId) });
      onDone(detail);
    },
  });
  const updateCount = (index: number, change: Partial<StatedCountDraft>) =>
    setCounts(counts.map((count, i) => (i === index ? { ...count, ...change } : count)));
  return (
    <RecordForm
      label={body ? t('bodyForm.editLabel', { name: body.name }) : t('bodyForm.createLabel')}
      error={mutation.error}
      onSubmit={() => mutation.mutate()}
      onReload={() => void queryClient.invalidateQueries({ queryKey: organisationKey(municipalityId) })}
    >
      <div className="field-row">
        <SelectField
          id={`${id}-kind`}
          label={t('bodyForm.kind')}
          value={kind}
          options={bodyKinds.map((value) => ({ value, label: formatKind(value) }))}
          onChange={(event) => setKind(event.target.value as BodyKind)}
          error={fieldError(mutation.error, 'kind')}
          required
        />
        <TextField
          id={`${id}-number`}
          label={t('bodyForm.number')}
          hint={t('bodyForm.numberHint')}
          value={number}
          onChange={(event) => setNumber(event.target.value)}
          error={fieldError(mutation.error, 'number')}
        />
      </div>
      <TextField
        id={`${id}-name`}
        label={t('bodyForm.name')}
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={fieldError(mutation.error, 'name')}
        required
      />
      <div className="field-row">
        <SelectField
          id={`${id}-parent`}
          label={t('bodyForm.parent')}
          value={parentId}
          options={[
            { value: '', label: t('form.optionNone') },
            ...bodies
              .filter((other) => other.id !== body?.id)
              .map((other) => ({ value: other.id, label: other.name })),
          ]}
          onChange={(event) => setParentId(event.target.value)}
          error={fieldError(mutation.error, 'parentId')}
        />
        <SelectField
          id={`${id}-secretariat`}
          label={t('bodyForm.secretariat')}
          value={secretariatId}
          options={[
            { value: '', label: t('form.optionNone') },
            ...departments.map((department) => ({ value: department.id, label: department.name })),
          ]}
          onChange={(event) => setSecretariatId(event.target.value)}
          error={fieldError(mutation.error, 'secretariatDepartmentId')}
        />
        <TextField
          id={`${id}-established`}
          type="date"
          label={t('bodyForm.establishedOn')}
          value={establishedOn}
          onChange={(event) => setEstablishedOn(event.target.value)}
          error={fieldError(mutation.error, 'establishedOn')}
        />
      </div>
      <TextAreaField
        id={`${id}-remit`}
        label={t('bodyForm.remit')}
        hint={t('bodyForm.remitHint')}
        value={remit}
        onChange={(event) => setRemit(event.target.value)}
        error={fieldError(mutation.error, 'remit')}
      />
      <TextField
        id={`${id}-composition`}
        label={t('bodyForm.composition')}
        hint={t('bodyForm.compositionHint')}
        value={composition}
        onChange={(event) => setComposition(event.target.value)}
        error={fieldError(mutation.error, 'composition')}
      />
      <fieldset className="fieldset">
        <legend className="field__label">{t('bodyForm.statedLegend')}</legend>
        <p className="field__hint">{t('bodyForm.statedHint')}</p>
        {counts.map((count, index) => (
          <div className="field-row" key={count.draftId}>
            <TextField
              id={`${id}-count-${index}-from`}
              type="date"
              label={t('bodyForm.statedFrom')}
              value={count.from}
              onChange={(event) => updateCount(index, { from: event.target.value })}
              error={fieldError(mutation.error, `statedMeetingCounts[${index}].from`)}
            />
            <TextField
              id={`${id}-count-${index}-to`}
              type="date"
              label={t('bodyForm.statedTo')}
              value={count.to}
              onChange={(event) => updateCount(index, { to: event.target.value })}
              error={fieldError(mutation.error, `statedMeetingCounts[${index}].to`)}
            />
            <TextField
              id={`${id}-count-${index}-count`}
              label={t('bodyForm.statedCount')}
              inputMode="numeric"
              value={count.count}
              onChange={(event) => updateCount(index, { count: event.target.value })}
              error={fieldError(mutation.error, `statedMeetingCounts[${index}].count`)}
            />
            <TextField
              id={`${id}-count-${index}-source`}
              label={t('bodyForm.statedSource')}
              value={count.source}
              onChange={(event) => updateCount(index, { source: event.target.value })}
            />
            <button
              type="button"
              className="button button--small button--danger"
              onClick={() => setCounts(counts.filter((_, i) => i !== index))}
            >
              {t('bodyForm.statedRemove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button--small button--secondary"
          onClick={() =>
            setCounts([...counts, { draftId: nextDraftId++, from: '', to: '', count: '', source: '' }])
          }
        >
          {t('bodyForm.statedAdd')}
        </button>
      </fieldset>
      <TextField
        id={`${id}-source`}
        label={t('form.source')}
        value={source}
        onChange={(event) => setSource(event.target.value)}
        error={fieldError(mutation.error, 'source')}
      />
      <TextAreaField
        id={`${id}-note`}
        label={t('form.note')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={fieldError(mutation.error, 'note')}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {body ? t('form.save') : t('form.create')}
        </button>
      </div>
    </RecordForm>
  );
}

interface MemberDraft {
  draftId: number;
  kind: 'internal' | 'external';
  departmentId: string;
  post: string;
  organisation: string;
  category: string;
  role: MemberRole;
  personName: string;
  note: string;
}

function toMemberDraft(member: RosterView['members'][number]): MemberDraft {
  return {
    draftId: nextDraftId++,
    kind: member.kind,
    departmentId: member.kind === 'internal' ? (member.departmentId ?? '') : '',
    post: member.kind === 'internal' ? (member.post ?? '') : '',
    organisation: member.kind === 'external' ? member.organisation : '',
    category: member.kind === 'external' ? (member.category ?? '') : '',
    role: member.role,
    personName: member.personName ?? '',
    note: member.note ?? '',
  };
}

/**
 * A roster as of a date: a new roster (starting from the current one, changed where people changed) or a
 * correction of an existing one. Members are internal (a department or a post) or external (an
 * organisation, with the category the ordinance gives).
 */
export function RosterForm({
  municipalityId,
  body,
  roster,
  startFrom,
  departments,
  onDone,
}: {
  municipalityId: string;
  body: Body;
  /** Correcting this roster; otherwise a new one. */
  roster?: RosterView;
  /** A new roster starts from these members (the current roster). */
  startFrom?: RosterView;
  departments: EffectOptions['departments'];
  onDone: (detail: BodyDetail) => void;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const [asOf, setAsOf] = useState(roster?.asOf ?? '');
  const [note, setNote] = useState(roster?.note ?? '');
  const [source, setSource] = useState(roster?.source ?? '');
  const [members, setMembers] = useState<MemberDraft[]>(
    () => (roster ?? startFrom)?.members.map(toMemberDraft) ?? [],
  );
  const { t, formatRole } = useOrganisationText();
  const base = `${municipalityPath(municipalityId)}/bodies/${encodeURIComponent(body.id)}/rosters`;
  const mutation = useMutation({
    mutationFn: () => {
      const payload = {
        asOf,
        note,
        source,
        members: members.map((member) =>
          member.kind === 'internal'
            ? {
                kind: 'internal',
                departmentId: member.departmentId || null,
                post: member.post,
                role: member.role,
                personName: member.personName,
                note: member.note,
              }
            : {
                kind: 'external',
                organisation: member.organisation,
                category: member.category,
                role: member.role,
                personName: member.personName,
                note: member.note,
              },
        ),
      };
      return roster
        ? sendJson<BodyDetail>('PUT', `${base}/${encodeURIComponent(roster.id)}`, {
            ...payload,
            version: roster.version,
          })
        : sendJson<BodyDetail>('POST', base, payload);
    },
    onSuccess: (detail) => {
      queryClient.setQueryData([...organisationKey(municipalityId), 'bodies', body.id], detail);
      void queryClient.invalidateQueries({ queryKey: organisationKey(municipalityId) });
      onDone(detail);
    },
  });
  const update = (index: number, change: Partial<MemberDraft>) =>
    setMembers(members.map((member, i) => (i === index ? { ...member, ...change } : member)));
  const add = (kind: 'internal' | 'external') =>
    setMembers([
      ...members,
      {
        draftId: nextDraftId++,
        kind,
        departmentId: '',
        post: '',
        organisation: '',
        category: '',
        role: 'member',
        personName: '',
        note: '',
      },
    ]);
  return (
    <RecordForm
      label={roster ? t('rosterForm.correctLabel') : t('rosterForm.createLabel')}
      error={mutation.error}
      onSubmit={() => mutation.mutate()}
      onReload={() => void queryClient.invalidateQueries({ queryKey: organisationKey(municipalityId) })}
    >
      <TextField
        id={`${id}-as-of`}
        type="date"
        label={t('rosterForm.asOf')}
        value={asOf}
        onChange={(event) => setAsOf(event.target.value)}
        error={fieldError(mutation.error, 'asOf')}
        required
      />
      <fieldset className="fieldset member-editor">
        <legend className="field__label">{t('rosterForm.membersLegend', { count: members.length })}</legend>
        {members.map((member, index) => (
          <fieldset key={member.draftId} className="member-editor__member">
            <legend>
              {t(member.kind === 'internal' ? 'rosterForm.internalMember' : 'rosterForm.externalMember', {
                position: index + 1,
              })}
            </legend>
            <div className="field-row">
              {member.kind === 'internal' ? (
                <>
                  <SelectField
                    id={`${id}-${member.draftId}-department`}
                    label={t('rosterForm.department')}
                    value={member.departmentId}
                    options={[
                      { value: '', label: t('rosterForm.noDepartment') },
                      ...departments.map((department) => ({ value: department.id, label: department.name })),
                    ]}
                    onChange={(event) => update(index, { departmentId: event.target.value })}
                    error={fieldError(mutation.error, `members[${index}].departmentId`)}
                  />
                  <TextField
                    id={`${id}-${member.draftId}-post`}
                    label={t('rosterForm.post')}
                    hint={t('rosterForm.postHint')}
                    value={member.post}
                    onChange={(event) => update(index, { post: event.target.value })}
                    error={fieldError(mutation.error, `members[${index}].post`)}
                  />
                </>
              ) : (
                <>
                  <TextField
                    id={`${id}-${member.draftId}-category`}
                    label={t('rosterForm.category')}
                    hint={t('rosterForm.categoryHint')}
                    value={member.category}
                    onChange={(event) => update(index, { category: event.target.value })}
                    error={fieldError(mutation.error, `members[${index}].category`)}
                  />
                  <TextField
                    id={`${id}-${member.draftId}-organisation`}
                    label={t('rosterForm.organisation')}
                    value={member.organisation}
                    onChange={(event) => update(index, { organisation: event.target.value })}
                    error={fieldError(mutation.error, `members[${index}].organisation`)}
                    required
                  />
                </>
              )}
              <SelectField
                id={`${id}-${member.draftId}-role`}
                label={t('rosterForm.role')}
                value={member.role}
                options={memberRoles.map((role) => ({
                  value: role,
                  label: t('rosterForm.roleOption', {
                    symbol: memberRoleSymbols[role],
                    role: formatRole(body.kind, role),
                  }),
                }))}
                onChange={(event) => update(index, { role: event.target.value as MemberRole })}
                error={fieldError(mutation.error, `members[${index}].role`)}
              />
              <TextField
                id={`${id}-${member.draftId}-person`}
                label={t('rosterForm.personName')}
                value={member.personName}
                onChange={(event) => update(index, { personName: event.target.value })}
                error={fieldError(mutation.error, `members[${index}].personName`)}
              />
              <TextField
                id={`${id}-${member.draftId}-note`}
                label={t('rosterForm.memberNote')}
                value={member.note}
                onChange={(event) => update(index, { note: event.target.value })}
                error={fieldError(mutation.error, `members[${index}].note`)}
              />
            </div>
            <button
              type="button"
              className="button button--small button--danger"
              onClick={() => setMembers(members.filter((_, i) => i !== index))}
            >
              {t('rosterForm.removeMember', { position: index + 1 })}
            </button>
          </fieldset>
        ))}
        <div className="inline-actions">
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => add('internal')}
          >
            {t('rosterForm.addInternal')}
          </button>
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => add('external')}
          >
            {t('rosterForm.addExternal')}
          </button>
        </div>
      </fieldset>
      <TextField
        id={`${id}-source`}
        label={t('form.source')}
        value={source}
        onChange={(event) => setSource(event.target.value)}
        error={fieldError(mutation.error, 'source')}
      />
      <TextField
        id={`${id}-note`}
        label={t('form.note')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={fieldError(mutation.error, 'note')}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {roster ? t('rosterForm.submitCorrect') : t('rosterForm.submitCreate')}
        </button>
      </div>
    </RecordForm>
  );
}

export function MeetingForm({
  municipalityId,
  bodyId,
  bodies,
  meeting,
  options,
  onDone,
}: {
  municipalityId: string;
  /** The body a new meeting belongs to; without it the form offers every body. */
  bodyId?: string;
  bodies: readonly { id: string; name: string }[];
  meeting?: MeetingView;
  options: EffectOptions;
  onDone: (meeting: MeetingView) => void;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const { t } = useOrganisationText();
  const [chosenBody, setChosenBody] = useState(meeting?.bodyId ?? bodyId ?? bodies[0]?.id ?? '');
  const [date, setDate] = useState(meeting?.date ?? '');
  const [startTime, setStartTime] = useState(meeting?.startTime ?? '');
  const [endTime, setEndTime] = useState(meeting?.endTime ?? '');
  const [number, setNumber] = useState(meeting?.number ?? '');
  const [title, setTitle] = useState(meeting?.title ?? '');
  const [place, setPlace] = useState(meeting?.place ?? '');
  const [status, setStatus] = useState<MeetingStatus>(meeting?.status ?? 'held');
  const [agenda, setAgenda] = useState(meeting?.agenda ?? '');
  const [minutes, setMinutes] = useState(meeting?.minutes ?? '');
  const [decisions, setDecisions] = useState(meeting?.decisions ?? '');
  const [note, setNote] = useState(meeting?.note ?? '');
  const [actionIds, setActionIds] = useState<string[]>(meeting?.actions.map((action) => action.id) ?? []);
  const base = `${municipalityPath(municipalityId)}/meetings`;
  const mutation = useMutation({
    mutationFn: () => {
      const payload = {
        bodyId: chosenBody,
        date,
        startTime: startTime || null,
        endTime: endTime || null,
        number,
        title,
        place,
        status,
        agenda,
        minutes,
        decisions,
        note,
        actionIds,
      };
      return meeting
        ? sendJson<MeetingView>('PATCH', `${base}/${encodeURIComponent(meeting.id)}`, {
            ...payload,
            version: meeting.version,
          })
        : sendJson<MeetingView>('POST', base, payload);
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: organisationKey(municipalityId) });
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
      onDone(saved);
    },
  });
  return (
    <RecordForm
      label={meeting ? t('meetingForm.editLabel') : t('meetingForm.createLabel')}
      error={mutation.error}
      onSubmit={() => mutation.mutate()}
      onReload={() => void queryClient.invalidateQueries({ queryKey: organisationKey(municipalityId) })}
    >
      {!bodyId && (
        <SelectField
          id={`${id}-body`}
          label={t('meetingForm.body')}
          value={chosenBody}
          options={bodies.map((body) => ({ value: body.id, label: body.name }))}
          onChange={(event) => setChosenBody(event.target.value)}
          error={fieldError(mutation.error, 'bodyId')}
          required
        />
      )}
      <div className="field-row">
        <TextField
          id={`${id}-date`}
          type="date"
          label={t('meetingForm.date')}
          value={date}
          onChange={(event) => setDate(event.target.value)}
          error={fieldError(mutation.error, 'date')}
          required
        />
        <TextField
          id={`${id}-start`}
          type="time"
          label={t('meetingForm.start')}
          value={startTime}
          onChange={(event) => setStartTime(event.target.value)}
          error={fieldError(mutation.error, 'startTime')}
        />
        <TextField
          id={`${id}-end`}
          type="time"
          label={t('meetingForm.end')}
          value={endTime}
          onChange={(event) => setEndTime(event.target.value)}
          error={fieldError(mutation.error, 'endTime')}
        />
        <SelectField
          id={`${id}-status`}
          label={t('meetingForm.status')}
          value={status}
          options={meetingStatuses.map((value) => ({ value, label: t(`status.${value}`) }))}
          onChange={(event) => setStatus(event.target.value as MeetingStatus)}
          error={fieldError(mutation.error, 'status')}
          hint={t('meetingForm.statusHint')}
        />
      </div>
      <div className="field-row">
        <TextField
          id={`${id}-number`}
          label={t('meetingForm.number')}
          hint={t('meetingForm.numberHint')}
          value={number}
          onChange={(event) => setNumber(event.target.value)}
          error={fieldError(mutation.error, 'number')}
        />
        <TextField
          id={`${id}-title`}
          label={t('meetingForm.title')}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          error={fieldError(mutation.error, 'title')}
        />
        <TextField
          id={`${id}-place`}
          label={t('meetingForm.place')}
          value={place}
          onChange={(event) => setPlace(event.target.value)}
          error={fieldError(mutation.error, 'place')}
        />
      </div>
      <TextAreaField
        id={`${id}-agenda`}
        label={t('meetingForm.agenda')}
        hint={t('meetingForm.agendaHint')}
        value={agenda}
        onChange={(event) => setAgenda(event.target.value)}
        error={fieldError(mutation.error, 'agenda')}
      />
      <TextAreaField
        id={`${id}-decisions`}
        label={t('meetingForm.decisions')}
        value={decisions}
        onChange={(event) => setDecisions(event.target.value)}
        error={fieldError(mutation.error, 'decisions')}
      />
      <TextAreaField
        id={`${id}-minutes`}
        label={t('meetingForm.minutes')}
        value={minutes}
        onChange={(event) => setMinutes(event.target.value)}
        error={fieldError(mutation.error, 'minutes')}
      />
      <ActionChoice
        actions={options.actions}
        selected={actionIds}
        onChange={setActionIds}
        error={fieldError(mutation.error, 'actionIds')}
      />
      <TextField
        id={`${id}-note`}
        label={t('form.note')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={fieldError(mutation.error, 'note')}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {meeting ? t('form.save') : t('form.create')}
        </button>
      </div>
    </RecordForm>
  );
}
