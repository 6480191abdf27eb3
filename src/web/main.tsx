import './zod-setup';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError, shouldRetry } from './api';
import { SESSION_QUERY_KEY } from './auth/session';
import { router } from './router';
import './styles/app.css';
import './styles/editing.css';
import './styles/rounds.css';
import './styles/reports.css';
import './styles/effects.css';
import './styles/dashboard.css';
import './styles/locale.css';

/** A 401 anywhere means the session ended (expired, signed out elsewhere): show the login form. */
function onApiError(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) {
    void queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: false },
  },
});

const container = document.getElementById('root');
if (!container) throw new Error('#root がありません');

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
