import { queryOptions } from '@tanstack/react-query';
import type {
  ActionEffects,
  BprProjectDetail,
  BprProjectList,
  EffectOptions,
  FundingListDetail,
  FundingListsResponse,
  SeriesDetail,
  SeriesList,
} from '../../../server/effects/effects.schemas';
import type { BodyDetail, BodyList, MeetingList } from '../../../server/organisation/organisation.schemas';
import { getJson } from '../../api';

/* Paths and queries of the effects and organisation screens; every key starts with the municipality. */

export const municipalityPath = (municipalityId: string) =>
  `/api/municipalities/${encodeURIComponent(municipalityId)}`;

export const effectsKey = (municipalityId: string) => ['municipalities', municipalityId, 'effects'] as const;
export const organisationKey = (municipalityId: string) =>
  ['municipalities', municipalityId, 'organisation'] as const;

export const effectOptionsQuery = (municipalityId: string) =>
  queryOptions({
    queryKey: [...effectsKey(municipalityId), 'options'],
    queryFn: ({ signal }) =>
      getJson<EffectOptions>(`${municipalityPath(municipalityId)}/effects/options`, signal),
  });

export const bprProjectsQuery = (municipalityId: string) =>
  queryOptions({
    queryKey: [...effectsKey(municipalityId), 'bpr'],
    queryFn: ({ signal }) =>
      getJson<BprProjectList>(`${municipalityPath(municipalityId)}/bpr-projects`, signal),
  });

export const bprProjectQuery = (municipalityId: string, projectId: string) =>
  queryOptions({
    queryKey: [...effectsKey(municipalityId), 'bpr', projectId],
    queryFn: ({ signal }) =>
      getJson<BprProjectDetail>(
        `${municipalityPath(municipalityId)}/bpr-projects/${encodeURIComponent(projectId)}`,
        signal,
      ),
  });

export const seriesListQuery = (municipalityId: string) =>
  queryOptions({
    queryKey: [...effectsKey(municipalityId), 'series'],
    queryFn: ({ signal }) => getJson<SeriesList>(`${municipalityPath(municipalityId)}/series`, signal),
  });

export const seriesQuery = (municipalityId: string, seriesId: string) =>
  queryOptions({
    queryKey: [...effectsKey(municipalityId), 'series', seriesId],
    queryFn: ({ signal }) =>
      getJson<SeriesDetail>(
        `${municipalityPath(municipalityId)}/series/${encodeURIComponent(seriesId)}`,
        signal,
      ),
  });

export const fundingListsQuery = (municipalityId: string) =>
  queryOptions({
    queryKey: [...effectsKey(municipalityId), 'funding'],
    queryFn: ({ signal }) =>
      getJson<FundingListsResponse>(`${municipalityPath(municipalityId)}/funding-lists`, signal),
  });

export const fundingListQuery = (municipalityId: string, listId: string) =>
  queryOptions({
    queryKey: [...effectsKey(municipalityId), 'funding', listId],
    queryFn: ({ signal }) =>
      getJson<FundingListDetail>(
        `${municipalityPath(municipalityId)}/funding-lists/${encodeURIComponent(listId)}`,
        signal,
      ),
  });

export const bodiesQuery = (municipalityId: string) =>
  queryOptions({
    queryKey: [...organisationKey(municipalityId), 'bodies'],
    queryFn: ({ signal }) => getJson<BodyList>(`${municipalityPath(municipalityId)}/bodies`, signal),
  });

export const bodyQuery = (municipalityId: string, bodyId: string) =>
  queryOptions({
    queryKey: [...organisationKey(municipalityId), 'bodies', bodyId],
    queryFn: ({ signal }) =>
      getJson<BodyDetail>(`${municipalityPath(municipalityId)}/bodies/${encodeURIComponent(bodyId)}`, signal),
  });

export const meetingsQuery = (municipalityId: string) =>
  queryOptions({
    queryKey: [...organisationKey(municipalityId), 'meetings'],
    queryFn: ({ signal }) => getJson<MeetingList>(`${municipalityPath(municipalityId)}/meetings`, signal),
  });

export const actionEffectsQuery = (planId: string, actionKey: string) =>
  queryOptions({
    queryKey: ['plans', planId, 'actions', actionKey, 'effects'],
    queryFn: ({ signal }) =>
      getJson<ActionEffects>(
        `/api/plans/${encodeURIComponent(planId)}/actions/${encodeURIComponent(actionKey)}/effects`,
        signal,
      ),
  });

export function tableCsvUrl({
  municipalityId,
  tableKind,
  tableId,
  unit,
}: {
  municipalityId: string;
  tableKind: 'bpr' | 'series' | 'funding';
  tableId: string;
  unit?: 'yen' | 'thousand';
}): string {
  const query = unit ? `?unit=${unit}` : '';
  return `${municipalityPath(municipalityId)}/effects/${tableKind}/${encodeURIComponent(tableId)}/csv${query}`;
}

/**
 * What a form field holds, as the API wants it: empty → null, a figure (commas allowed) → a number,
 * anything else as typed, so that the API names the field and says what to fix.
 */
export function toNumberInput(text: string): number | string | null {
  const trimmed = text.trim().replaceAll(',', '').replaceAll('，', '');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : text;
}

/** An amount typed in 千円 or 円, as yen (a 千円 figure with decimals is rounded to the yen). */
export function toYenInput(text: string, unit: 'yen' | 'thousand'): number | string | null {
  const value = toNumberInput(text);
  if (typeof value !== 'number') return value;
  return unit === 'yen' ? value : Math.round(value * 1000);
}

export function fromNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

export function fromYen(value: number | null | undefined, unit: 'yen' | 'thousand'): string {
  if (value === null || value === undefined) return '';
  return String(unit === 'yen' ? value : value / 1000);
}
