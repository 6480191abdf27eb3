import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { ApiError } from '../api';
import { describeFailure } from '../errors';
import { useI18n } from '../i18n/i18n';

/*
 * Form fields that carry their label, hint and error with them: the error sits next to the field, is
 * tied to it with aria-describedby, and the field says aria-invalid — so a clerk (and a screen reader)
 * knows which field to fix and why.
 */

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode | undefined;
  error?: string | undefined;
  required?: boolean | undefined;
  children: (described: { 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode;
}

function FieldFrame({ id, label, hint, error, required, children }: FieldFrameProps) {
  const { t } = useI18n();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <div className="field__label-row">
        <label htmlFor={id} className="field__label">
          {label}
        </label>
        {/* Outside the label, so that the field's name is the label alone; `required` tells assistive technology. */}
        {required && (
          <span className="field__required" aria-hidden="true">
            {t('form.required')}
          </span>
        )}
      </div>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      {children({
        ...(describedBy && { 'aria-describedby': describedBy }),
        ...(error && { 'aria-invalid': true as const }),
      })}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode | undefined;
  error?: string | undefined;
};

export function TextField({ id, label, hint, error, required, ...input }: TextFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required}>
      {(described) => (
        <input id={id} className="field__input" required={required} {...input} {...described} />
      )}
    </FieldFrame>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode | undefined;
  error?: string | undefined;
};

export function TextAreaField({ id, label, hint, error, required, ...input }: TextAreaFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required}>
      {(described) => (
        <textarea
          id={id}
          className="field__input field__textarea"
          required={required}
          {...input}
          {...described}
        />
      )}
    </FieldFrame>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode | undefined;
  error?: string | undefined;
  options: { value: string; label: string }[];
};

export function SelectField({ id, label, hint, error, required, options, ...select }: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required}>
      {(described) => (
        <select id={id} className="field__input field__select" required={required} {...select} {...described}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/** A failed submission: the API's message, announced to screen readers, above the form. */
export function FormError({ error }: { error: unknown }) {
  const { locale } = useI18n();
  if (!error) return null;
  const message = describeFailure({ error, locale });
  return (
    <div className="form-error" role="alert">
      <p>{message}</p>
      {error instanceof ApiError && error.issues.length > 1 && (
        <ul>
          {error.issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>{issue.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The message for a field from a failed submission, if the API named that field. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.issueFor(field) : undefined;
}
