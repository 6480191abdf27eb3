import { useId } from 'react';
import { useAreaMessages } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import { editingMessages } from './editing.messages';
import type { DepartmentOption } from './editing-types';

/** Departments to tick (an action's owners), nested 部 → 課 → 係; archived ones only if already chosen. */
export function DepartmentChecklist({
  legend,
  hint,
  departments,
  selected,
  onChange,
  error,
}: {
  legend: string;
  hint?: string;
  departments: DepartmentOption[];
  /** Department keys, in the order chosen. */
  selected: string[];
  onChange: (keys: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useAreaMessages(editingMessages);
  const id = useId();
  const shown = departments.filter((department) => !department.archived || selected.includes(department.key));
  const depthOf = (department: DepartmentOption): number => {
    let depth = 0;
    for (let parent = department.parentId; parent; depth++) {
      parent = departments.find((candidate) => candidate.id === parent)?.parentId ?? null;
    }
    return depth;
  };
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <fieldset
      className={`field fieldset${error ? ' field--invalid' : ''}`}
      aria-describedby={describedBy || undefined}
    >
      <legend className="field__label">{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      {shown.length === 0 ? (
        <p className="field__hint">{t('checklist.empty')}</p>
      ) : (
        <ul className="department-checklist">
          {shown.map((department) => (
            <li key={department.id} className={`department-depth-${Math.min(depthOf(department), 4)}`}>
              <label>
                <input
                  type="checkbox"
                  checked={selected.includes(department.key)}
                  onChange={(event) =>
                    onChange(
                      event.target.checked
                        ? [...selected, department.key]
                        : selected.filter((key) => key !== department.key),
                    )
                  }
                />{' '}
                <PlanText>{department.name}</PlanText>
                {department.archived && <span className="marker">{t('checklist.archived')}</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
