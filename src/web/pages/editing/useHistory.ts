import { useInfiniteQuery } from '@tanstack/react-query';
import { fetchHistoryPage, type HistoryFilter } from './editing.api';

/** A history, newest first, one page at a time (the next page is older). */
export function useHistory({
  municipalityId,
  filter,
  pageSize,
}: {
  municipalityId: string;
  filter: HistoryFilter;
  pageSize: number;
}) {
  return useInfiniteQuery({
    queryKey: ['plans', filter.planId, 'history', filter, pageSize],
    queryFn: ({ pageParam, signal }) =>
      fetchHistoryPage({ municipalityId, filter, before: pageParam, limit: pageSize, signal }),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextBefore,
    staleTime: 0,
  });
}
