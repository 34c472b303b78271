// App.tsx - providers (TanStack Query, the event stream, the SIMULATED tracker) and the
// routes. Each page is its own lazily loaded chunk; planned pages render NotBuilt.
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Layout } from './shell/Layout';
import { PAGES } from './shell/pages';
import { EventStreamProvider } from './lib/events';
import { SimulatedProvider } from './lib/simulated';

const DataExplorer = lazy(() => import('./pages/DataExplorer'));
const SeriesPage = lazy(() => import('./pages/SeriesPage'));
const CurvesPage = lazy(() => import('./pages/CurvesPage'));
const DataHealth = lazy(() => import('./pages/DataHealth'));
const NotBuilt = lazy(() => import('./pages/NotBuilt'));

export function App({ client }: { client: QueryClient }) {
  return (
    <QueryClientProvider client={client}>
      <EventStreamProvider>
        <SimulatedProvider>
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<Navigate to="/explorer" replace />} />
              <Route path="/explorer" element={<DataExplorer />} />
              <Route path="/series/:code" element={<SeriesPage />} />
              <Route path="/curves" element={<CurvesPage />} />
              <Route path="/health" element={<DataHealth />} />
              {PAGES.filter((p) => !p.built).map((p) => (
                <Route key={p.path} path={p.path} element={<NotBuilt page={p} />} />
              ))}
              <Route path="*" element={<NotBuilt />} />
            </Route>
          </Routes>
        </SimulatedProvider>
      </EventStreamProvider>
    </QueryClientProvider>
  );
}
