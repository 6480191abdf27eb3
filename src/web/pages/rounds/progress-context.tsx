import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import type {
  AssessmentView,
  DepartmentKpiView,
  DepartmentProgressResponse,
  EvidenceView,
  SubmissionView,
  TaskRowView,
} from '../../../server/rounds/rounds.schemas';
import { departmentProgressQuery } from './api';
import { useInvalidatePlanViews } from './parts';

/** What has been typed and not saved yet: each row reports itself, the page counts and can save them all. */
export interface UnsavedRegistry {
  count: number;
  labels: () => string[];
  report: (id: string, entry: { label: string; save: () => Promise<boolean> } | null) => void;
  saveAll: () => Promise<boolean>;
}

function useUnsavedRegistry(): UnsavedRegistry {
  const entries = useRef(new Map<string, { label: string; save: () => Promise<boolean> }>());
  const [count, setCount] = useState(0);
  const report = useCallback<UnsavedRegistry['report']>((id, entry) => {
    if (entry) entries.current.set(id, entry);
    else entries.current.delete(id);
    setCount(entries.current.size);
  }, []);
  const saveAll = useCallback(async () => {
    let allSaved = true;
    for (const entry of [...entries.current.values()]) {
      if (!(await entry.save())) allSaved = false;
    }
    return allSaved;
  }, []);
  const labels = useCallback(() => [...entries.current.values()].map((entry) => entry.label), []);
  return { count, labels, report, saveAll };
}

export interface ProgressPage {
  data: DepartmentProgressResponse;
  /** The department's figures may be changed by this user now. */
  editable: boolean;
  basePath: string;
  unsaved: UnsavedRegistry;
  announce: (message: string) => void;
  replaceTask: (task: TaskRowView) => void;
  replaceKpi: (kpi: DepartmentKpiView) => void;
  replaceAssessment: (actionId: string, assessment: AssessmentView) => void;
  replaceSubmission: (submission: SubmissionView) => void;
  addEvidence: (actionId: string, evidence: EvidenceView) => void;
  removeEvidence: (evidenceId: string) => void;
}

const ProgressPageContext = createContext<ProgressPage | null>(null);

export function useProgressPage(): ProgressPage {
  const page = useContext(ProgressPageContext);
  if (!page) throw new Error('useProgressPage outside of a department page');
  return page;
}

/**
 * The department page's shared state. Saves update the cached page in place (the server answers with
 * the saved row), so that nothing the clerk is typing elsewhere on the page is reloaded under them.
 */
export function ProgressPageProvider({
  data,
  editable,
  basePath,
  announce,
  children,
}: {
  data: DepartmentProgressResponse;
  editable: boolean;
  basePath: string;
  announce: (message: string) => void;
  children: ReactNode;
}) {
  const queryClient = useQueryClient();
  const unsaved = useUnsavedRegistry();
  const invalidatePlanViews = useInvalidatePlanViews(data.plan.id);
  const queryKey = useMemo(
    () => departmentProgressQuery(data.plan.id, data.round.id, data.department.id).queryKey,
    [data.plan.id, data.round.id, data.department.id],
  );

  const update = useCallback(
    (change: (page: DepartmentProgressResponse) => DepartmentProgressResponse) => {
      queryClient.setQueryData(queryKey, (page) => (page ? change(page) : page));
      invalidatePlanViews();
    },
    [queryClient, queryKey, invalidatePlanViews],
  );

  const page = useMemo<ProgressPage>(
    () => ({
      data,
      editable,
      basePath,
      unsaved,
      announce,
      replaceTask: (task) =>
        update((current) => ({
          ...current,
          actions: current.actions.map((action) => ({
            ...action,
            tasks: action.tasks.map((row) => (row.id === task.id ? { ...row, ...task } : row)),
          })),
        })),
      replaceKpi: (kpi) =>
        update((current) => ({
          ...current,
          actions: current.actions.map((action) => ({
            ...action,
            kpis: action.kpis.map((row) => (row.id === kpi.id ? kpi : row)),
          })),
        })),
      replaceAssessment: (actionId, assessment) =>
        update((current) => ({
          ...current,
          actions: current.actions.map((action) =>
            action.id === actionId ? { ...action, assessment } : action,
          ),
        })),
      replaceSubmission: (submission) => update((current) => ({ ...current, submission })),
      addEvidence: (actionId, evidence) =>
        update((current) => ({
          ...current,
          actions: current.actions.map((action) =>
            action.id === actionId ? { ...action, evidence: [evidence, ...action.evidence] } : action,
          ),
        })),
      removeEvidence: (evidenceId) =>
        update((current) => ({
          ...current,
          actions: current.actions.map((action) => ({
            ...action,
            evidence: action.evidence.filter((item) => item.id !== evidenceId),
          })),
        })),
    }),
    [data, editable, basePath, unsaved, announce, update],
  );
  return <ProgressPageContext value={page}>{children}</ProgressPageContext>;
}
