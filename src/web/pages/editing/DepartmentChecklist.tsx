import { useId } from 'react';
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
        <p className="field__hint">部署が登録されていません。先に「部署の管理」で登録してください。</p>
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
                {department.name}
                {department.archived && <span className="marker">廃止</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
