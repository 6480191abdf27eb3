import { type AnyRootRoute, createRoute, getRouteApi, lazyRouteComponent } from '@tanstack/react-router';
import type { HistorySearch } from './PlanHistoryPage';

// The editing screens load on first use: readers of the plan never download them.
const PlanCreatePage = lazyRouteComponent(() => import('./PlanCreatePage'), 'PlanCreatePage');
const PlanEditPage = lazyRouteComponent(() => import('./PlanEditPage'), 'PlanEditPage');
const ActionEditPage = lazyRouteComponent(() => import('./ActionEditPage'), 'ActionEditPage');
const PlanHistoryPage = lazyRouteComponent(() => import('./PlanHistoryPage'), 'PlanHistoryPage');
const ArchivedItemsPage = lazyRouteComponent(() => import('./ArchivedItemsPage'), 'ArchivedItemsPage');
const DepartmentsPage = lazyRouteComponent(() => import('./DepartmentsPage'), 'DepartmentsPage');

function readSearchText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value.length <= 100 ? value : undefined;
}

// Read through the registered router (router.tsx adds these routes), so that params are typed.
const planEditApi = getRouteApi('/plans/$planId/edit');
const actionEditApi = getRouteApi('/plans/$planId/actions/$actionKey/edit');
const planHistoryApi = getRouteApi('/plans/$planId/history');
const archivedItemsApi = getRouteApi('/plans/$planId/archived');
const departmentsApi = getRouteApi('/municipalities/$municipalityId/departments');

/** The editing and history pages, added under the root route by the router. */
export function createEditingRoutes<Root extends AnyRootRoute>(rootRoute: Root) {
  const planCreateRoute = createRoute({
    getParentRoute: () => rootRoute,
    path: '/plans/new',
    component: PlanCreatePage,
  });

  const planEditRoute = createRoute({
    getParentRoute: () => rootRoute,
    path: '/plans/$planId/edit',
    component: function PlanEditRoute() {
      const { planId } = planEditApi.useParams();
      return <PlanEditPage key={planId} planId={planId} />;
    },
  });

  const actionEditRoute = createRoute({
    getParentRoute: () => rootRoute,
    path: '/plans/$planId/actions/$actionKey/edit',
    component: function ActionEditRoute() {
      const { planId, actionKey } = actionEditApi.useParams();
      return <ActionEditPage key={`${planId}/${actionKey}`} planId={planId} actionKey={actionKey} />;
    },
  });

  const planHistoryRoute = createRoute({
    getParentRoute: () => rootRoute,
    path: '/plans/$planId/history',
    validateSearch: (search: Record<string, unknown>): HistorySearch => ({
      actionKey: readSearchText(search.actionKey),
      subjectType: readSearchText(search.subjectType),
      actorUserId: readSearchText(search.actorUserId),
      from: readSearchText(search.from),
      to: readSearchText(search.to),
    }),
    component: function PlanHistoryRoute() {
      const { planId } = planHistoryApi.useParams();
      const search = planHistoryApi.useSearch();
      return <PlanHistoryPage key={`${planId}/${JSON.stringify(search)}`} planId={planId} search={search} />;
    },
  });

  const archivedItemsRoute = createRoute({
    getParentRoute: () => rootRoute,
    path: '/plans/$planId/archived',
    component: function ArchivedItemsRoute() {
      const { planId } = archivedItemsApi.useParams();
      return <ArchivedItemsPage key={planId} planId={planId} />;
    },
  });

  const departmentsRoute = createRoute({
    getParentRoute: () => rootRoute,
    path: '/municipalities/$municipalityId/departments',
    component: function DepartmentsRoute() {
      const { municipalityId } = departmentsApi.useParams();
      return <DepartmentsPage key={municipalityId} municipalityId={municipalityId} />;
    },
  });

  return [
    planCreateRoute,
    planEditRoute,
    actionEditRoute,
    planHistoryRoute,
    archivedItemsRoute,
    departmentsRoute,
  ] as const;
}
