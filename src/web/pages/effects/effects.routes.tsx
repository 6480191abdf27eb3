import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

const pages = () => import('./effects.pages');

/** The effects and organisation screens, under a municipality; their code is loaded on first use. */
export function createEffectsRoutes<Root extends AnyRoute>(rootRoute: Root) {
  return [
    createRoute({
      getParentRoute: () => rootRoute,
      path: '/municipalities/$municipalityId/effects',
      component: lazyRouteComponent(pages, 'EffectsRoute'),
    }),
    createRoute({
      getParentRoute: () => rootRoute,
      path: '/municipalities/$municipalityId/effects/bpr/$projectId',
      component: lazyRouteComponent(pages, 'BprRoute'),
    }),
    createRoute({
      getParentRoute: () => rootRoute,
      path: '/municipalities/$municipalityId/effects/series/$seriesId',
      component: lazyRouteComponent(pages, 'SeriesRoute'),
    }),
    createRoute({
      getParentRoute: () => rootRoute,
      path: '/municipalities/$municipalityId/effects/funding/$listId',
      component: lazyRouteComponent(pages, 'FundingRoute'),
    }),
    createRoute({
      getParentRoute: () => rootRoute,
      path: '/municipalities/$municipalityId/organisation',
      component: lazyRouteComponent(pages, 'OrganisationRoute'),
    }),
    createRoute({
      getParentRoute: () => rootRoute,
      path: '/municipalities/$municipalityId/organisation/bodies/$bodyId',
      component: lazyRouteComponent(pages, 'BodyRoute'),
    }),
  ] as const;
}
