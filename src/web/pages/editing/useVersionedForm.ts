import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useAreaMessages } from '../../i18n/i18n';
import { editingMessages } from './editing.messages';
import { type FieldErrors, pickFieldError, readConflictCurrent } from './form-values';

/** One field as the conflict view compares it. */
export interface ConflictRow {
  field: string;
  label: string;
  mine: string;
  theirs: string;
  changedByMe: boolean;
  changedByThem: boolean;
}

export interface VersionedForm<Values> {
  values: Values;
  setValue: <Field extends keyof Values>(field: Field, value: Values[Field]) => void;
  submit: () => void;
  isPending: boolean;
  error: unknown;
  errorFor: (path: string) => string | undefined;
  /** Set after a 409: the fields where the clerk's input and the stored record differ. */
  conflict: ConflictRow[] | null;
  /** Puts the clerk's own changes on top of what the other person saved, and saves that. */
  reapplyMine: () => void;
  /** Drops the clerk's input and shows what the other person saved. */
  takeTheirs: () => void;
  saved: boolean;
}

/**
 * A form over a versioned record. It sends the version it was read at; when someone else saved first
 * (409) it keeps the clerk's input, shows both side by side (`conflict`), and lets the clerk re-apply
 * their own changes — the fields they changed — on top of the other person's, with the new version.
 */
export function useVersionedForm<Values extends object, Saved extends { version: number }>({
  initial,
  toValues,
  validate,
  save,
  onSaved,
  labels,
  format,
}: {
  initial: Saved;
  toValues: (record: Saved) => Values;
  /** The domain schema's check of the payload built from the values: path → message. */
  validate: (values: Values) => FieldErrors;
  save: (values: Values, version: number) => Promise<Saved>;
  onSaved?: (saved: Saved) => void;
  /** The fields the conflict view compares, named in the screen's language, in order. */
  labels: Partial<Record<keyof Values, string>>;
  /** A field's value as text, for the conflict view. */
  format: (field: keyof Values, values: Values) => string;
}): VersionedForm<Values> {
  const { locale } = useAreaMessages(editingMessages);
  const [base, setBase] = useState(() => ({ values: toValues(initial), version: initial.version }));
  const [values, setValues] = useState<Values>(base.values);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [theirs, setTheirs] = useState<{ values: Values; version: number } | null>(null);
  const [saved, setSaved] = useState(false);

  const mutation = useMutation({
    mutationFn: (input: { values: Values; version: number }) => save(input.values, input.version),
    onSuccess: (record) => {
      const next = toValues(record);
      setBase({ values: next, version: record.version });
      setValues(next);
      setTheirs(null);
      setSaved(true);
      onSaved?.(record);
    },
    onError: (error) => {
      const current = readConflictCurrent(error);
      if (current) setTheirs({ values: toValues(current as Saved), version: current.version });
    },
  });

  const send = (next: Values, version: number) => {
    const found = validate(next);
    setErrors(found);
    setSaved(false);
    if (Object.keys(found).length > 0) return;
    mutation.mutate({ values: next, version });
  };

  const fields = Object.keys(labels) as (keyof Values)[];
  const differs = (a: Values, b: Values, field: keyof Values) =>
    JSON.stringify(a[field]) !== JSON.stringify(b[field]);

  const conflict: ConflictRow[] | null = theirs
    ? fields
        .filter((field) => differs(values, theirs.values, field))
        .map((field) => ({
          field: String(field),
          label: labels[field] ?? String(field),
          mine: format(field, values),
          theirs: format(field, theirs.values),
          changedByMe: differs(values, base.values, field),
          changedByThem: differs(theirs.values, base.values, field),
        }))
    : null;

  return {
    values,
    setValue: (field, value) => {
      setSaved(false);
      setValues((current) => ({ ...current, [field]: value }));
    },
    submit: () => send(values, base.version),
    isPending: mutation.isPending,
    error: theirs ? null : mutation.error,
    errorFor: (path) => pickFieldError({ errors, apiError: theirs ? null : mutation.error, path, locale }),
    conflict,
    reapplyMine: () => {
      if (!theirs) return;
      const merged = { ...theirs.values };
      for (const field of Object.keys(values) as (keyof Values)[]) {
        if (differs(values, base.values, field)) merged[field] = values[field];
      }
      setBase(theirs);
      setValues(merged);
      setTheirs(null);
      send(merged, theirs.version);
    },
    takeTheirs: () => {
      if (!theirs) return;
      setBase(theirs);
      setValues(theirs.values);
      setTheirs(null);
      mutation.reset();
    },
    saved,
  };
}
