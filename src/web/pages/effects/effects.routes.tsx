import { type AnyRoute, createRoute, useParams } from '@tanstack/react-router';
import { BodyPage } from '../organisation/BodyPage';
import { OrganisationPage } from '../organisation/OrganisationPage';
import { BprProjectPage } from './BprProjectPage';
import { EffectsPage } from './EffectsPage';
import { FundingListPage } from './FundingListPage';
import { SeriesPage } from './SeriesPage';

/** The effects and organisation screens, under a municipality. */
/** The route's own parameters (the paths above guarantee them). */
function useRouteParams(): Record<'municipalityId' | 'projectId' | 'seriesId' | 'listId' | 'bodyId', string> {
  const params: Record<string, string | undefined> = useParams({ strict: false });
  return {
    municipalityId: params.municipalityId ?? '',
    projectId: params.projectId ?? '',
    seriesId: params.seriesId ?? '',
    listId: params.listId ?? '',
    bodyId: params.bodyId ?? '',
  };
}

export function createEffectsRoutes<Root extends AnyRoute>(rootRoute: Root) {
  const effectsRoute = createRoute({
    getParentRoute: () => rootRoute,
    path: '/municipalities/$municipalityId/effects',
    component: function EffectsRoute() {
      const { municipalityId } = useRouteParams();
      return <EffectsPage key={municipalityId} municipalityId={municipalityId} />;
    },
  });
  const bprRoute = createRoute({
    getParentRoute: () => rootRoute,
    path: '/municipalities/$municipalityId/effects/bpr/$projectId',
    component: function BprRoute() {
      const { municipalityId, projectId } = useRouteParams();
      return <BprProjectPage key={projectId} municipalityId={municipalityId} projectId={projectId} />;
    },
  });
  const seriesRoute = createRoute({
    getParentRoute: () => rootRoute,
    path: '/municipalities/$municipalityId/effects/series/$seriesId',
    component: function SeriesRoute() {
      const { municipalityId, seriesId } = useRouteParams();
      return <SeriesPage key={seriesId} municipalityId={municipalityId} seriesId={seriesId} />;
    },
  });
  const fundingRoute = createRoute({
    getParentRoute: () => rootRoute,
    path: '/municipalities/$municipalityId/effects/funding/$listId',
    component: function FundingRoute() {
      const { municipalityId, listId } = useRouteParams();
      return <FundingListPage key={listId} municipalityId={municipalityId} listId={listId} />;
    },
  });
  const organisationRoute = createRoute({
    getParentRoute: () => rootRoute,
    path: '/municipalities/$municipalityId/organisation',
    component: function OrganisationRoute() {
      const { municipalityId } = useRouteParams();
      return <OrganisationPage key={municipalityId} municipalityId={municipalityId} />;
    },
  });
  const bodyRoute = createRoute({
    getParentRoute: () => rootRoute,
    path: '/municipalities/$municipalityId/organisation/bodies/$bodyId',
    component: function BodyRoute() {
      const { municipalityId, bodyId } = useRouteParams();
      return <BodyPage key={bodyId} municipalityId={municipalityId} bodyId={bodyId} />;
    },
  });
  return [effectsRoute, bprRoute, seriesRoute, fundingRoute, organisationRoute, bodyRoute] as const;
}
