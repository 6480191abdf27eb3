import type { FormEvent, ReactNode } from 'react';
import { FormError } from '../../components/Form';
import { useAreaMessages } from '../../i18n/i18n';
import { ConflictPanel } from './ConflictPanel';
import { editingMessages } from './editing.messages';
import type { VersionedForm } from './useVersionedForm';

/** What a versioned form shows above its fields: the conflict view after a 409, else the error. */
export function VersionedFormStatus<Values>({ form }: { form: VersionedForm<Values> }) {
  return (
    <>
      {form.conflict && (
        <ConflictPanel
          rows={form.conflict}
          onReapply={form.reapplyMine}
          onTakeTheirs={form.takeTheirs}
          isPending={form.isPending}
        />
      )}
      <FormError error={form.error} />
    </>
  );
}

/** A record edited in place in its list: its fields with the conflict view, Save and Cancel. */
export function InlineEditForm<Values>({
  form,
  label,
  onCancel,
  children,
}: {
  form: VersionedForm<Values>;
  label: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useAreaMessages(editingMessages);
  return (
    <form
      className="form form--inline-panel"
      noValidate
      aria-label={label}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        form.submit();
      }}
    >
      <VersionedFormStatus form={form} />
      {children}
      <div className="form__actions">
        <button type="submit" className="button" disabled={form.isPending}>
          {t('common.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
