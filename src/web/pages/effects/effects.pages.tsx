import { useParams } from '@tanstack/react-router';
import { BodyPage } from '../organisation/BodyPage';
import { OrganisationPage } from '../organisation/OrganisationPage';
import { BprProjectPage } from './BprProjectPage';
import { EffectsPage } from './EffectsPage';
import { FundingListPage } from './FundingListPage';
import { SeriesPage } from './SeriesPage';

/*
 * The effects and organisation screens as route components, in a file of their own: the router loads it
 * when one of these pages is first opened, so that the plan pages do not carry them.
 */

/** The route's own parameters (the route paths guarantee them). */
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

export function EffectsRoute() {
  const { municipalityId } = useRouteParams();
  return <EffectsPage key={municipalityId} municipalityId={municipalityId} />;
}

export function BprRoute() {
  const { municipalityId, projectId } = useRouteParams();
  return <BprProjectPage key={projectId} municipalityId={municipalityId} projectId={projectId} />;
}

export function SeriesRoute() {
  const { municipalityId, seriesId } = useRouteParams();
  return <SeriesPage key={seriesId} municipalityId={municipalityId} seriesId={seriesId} />;
}

export function FundingRoute() {
  const { municipalityId, listId } = useRouteParams();
  return <FundingListPage key={listId} municipalityId={municipalityId} listId={listId} />;
}

export function OrganisationRoute() {
  const { municipalityId } = useRouteParams();
  return <OrganisationPage key={municipalityId} municipalityId={municipalityId} />;
}

export function BodyRoute() {
  const { municipalityId, bodyId } = useRouteParams();
  return <BodyPage key={bodyId} municipalityId={municipalityId} bodyId={bodyId} />;
}
