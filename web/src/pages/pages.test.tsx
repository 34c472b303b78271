import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { QueryClient } from '@tanstack/react-query';
import { App } from '../App';
import { QUALITY, stubFetch } from '../test/fixtures';
import { handleStreamEvent } from '../lib/events';

function renderAt(path: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <App client={client} />
    </MemoryRouter>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('pages on fixture documents', () => {
  it('data explorer lists the catalogue, flags simulated rows and raises the SIMULATED banner', async () => {
    stubFetch();
    renderAt('/explorer');
    expect(await screen.findByText('SIM.BR.CDI_PCT')).toBeInTheDocument();
    expect(screen.getByText('SGS.432')).toBeInTheDocument();
    expect(await screen.findByTestId('sim-banner')).toHaveTextContent('SIMULATED');
    // the stream is down, with its reason, when the server does not document /api/v1/events
    await waitFor(() => expect(screen.getByTestId('stream')).toHaveAttribute('data-stream', 'down'));
    expect(screen.getByTestId('stream')).toHaveAttribute('title', 'this server does not serve /api/v1/events');
  });

  it('data explorer shows an error state with the problem detail', async () => {
    stubFetch({ '/api/v1/series': undefined });
    renderAt('/explorer');
    expect(await screen.findByText(/404: no route for GET \/api\/v1\/series/)).toBeInTheDocument();
  });

  it('series page shows the last value with its change and quality not available on 404', async () => {
    stubFetch();
    renderAt('/series/SIM.BR.CDI_PCT');
    expect(await screen.findByText('+0.25')).toHaveClass('pos');
    expect(screen.getByText('9.65')).toHaveClass('pos');
    expect(screen.getByText(/obs 2026-11-24/)).toBeInTheDocument();
    expect(await screen.findByText('Quality not available')).toBeInTheDocument();
    expect(await screen.findByText('DRV.X')).toBeInTheDocument();
  });

  it('data health lists runs, alerts on a failed run and says no quality run yet', async () => {
    stubFetch();
    renderAt('/health');
    expect(await screen.findByText('The last simulated run failed')).toBeInTheDocument();
    expect((await screen.findAllByText("request 'DI1': timeout")).length).toBeGreaterThan(0);
    expect((await screen.findAllByText(/no quality run yet/)).length).toBe(2);
  });

  it('data health shows the quality report of the contract: critical alert, failing checks by severity, series worst first, runs', async () => {
    stubFetch(QUALITY);
    renderAt('/health');
    expect(await screen.findByText('1 critical quality failure')).toBeInTheDocument();
    const failing = await screen.findByRole('table', { name: 'failing checks' });
    await waitFor(() => expect(within(failing).getByText('last observation 12 business days old')).toBeInTheDocument());
    expect(within(failing).getByText('z-score 5.1 on 2026-10-03')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('minimum severity'), { target: { value: 'critical' } });
    await waitFor(() => {
      const t = screen.getByRole('table', { name: 'failing checks' });
      expect(within(t).getByText('last observation 12 business days old')).toBeInTheDocument();
      expect(within(t).queryByText('z-score 5.1 on 2026-10-03')).not.toBeInTheDocument();
    });
    const series = screen.getByRole('table', { name: 'series quality' });
    const codes = within(series).getAllByRole('link').map((a) => a.textContent);
    expect(codes).toEqual(['SGS.432', 'SIM.US.PAYROLLS_K', 'SIM.BR.CDI_PCT']);
    expect(within(series).getAllByText('simulated').filter((e) => e.dataset.tone === 'sim')).toHaveLength(2);
    expect(screen.getByText('2 of 3 not clean', { exact: false })).toBeInTheDocument();
    const runs = await screen.findByRole('table', { name: 'quality runs' });
    await waitFor(() => expect(within(runs).getByText('97.5')).toHaveClass('warn'));
    expect(within(runs).getByText('99.0')).toHaveClass('pos');
    expect(screen.getAllByText('88.2')[0]).toHaveClass('neg');
  });

  it('quality shows when served though not documented, and says not served on 404 when not documented', async () => {
    stubFetch({ ...QUALITY, '/api/openapi.json': { paths: { '/api/v1/health': {}, '/api/v1/series': {} } } });
    const first = renderAt('/health');
    expect(await screen.findByText('1 critical quality failure')).toBeInTheDocument();
    first.unmount();
    vi.unstubAllGlobals();
    stubFetch({ '/api/openapi.json': { paths: { '/api/v1/health': {}, '/api/v1/series': {} } } });
    renderAt('/health');
    expect(await screen.findByText('this server does not serve /api/v1/quality yet')).toBeInTheDocument();
    expect(await screen.findByText('not served yet')).toBeInTheDocument();
  });

  it('series page lists the checks of its latest quality run', async () => {
    stubFetch(QUALITY);
    renderAt('/series/SIM.BR.CDI_PCT');
    const q = await screen.findByTestId('quality');
    expect(within(q).getByText('1 failing')).toHaveAttribute('data-tone', 'warning');
    expect(within(q).getByText('z-score 4.2 on 2026-11-24')).toBeInTheDocument();
    expect(within(q).queryByText('older run')).not.toBeInTheDocument();
  });

  it('a series of the simulated source is flagged even without the simulated field', async () => {
    stubFetch({ '/api/v1/series/SIM.BR.CDI_PCT': { code: 'SIM.BR.CDI_PCT', name: 'CDI', source: 'simulated', source_key: null, frequency: 'D',
      unit: '% a year', country: 'BR', category: 'rates', release_lag_days: 0, description: null, last_observation: '2026-11-24' },
    '/api/v1/series/SIM.BR.CDI_PCT/observations': { code: 'SIM.BR.CDI_PCT', as_of: null, observations: [{ obs_date: '2026-11-24', value: 9.65 }] } });
    renderAt('/series/SIM.BR.CDI_PCT');
    expect(await screen.findByTestId('sim-banner')).toHaveTextContent('SIMULATED');
    const page = screen.getByTestId('page-series');
    expect(within(page).getByText('simulated')).toHaveAttribute('data-tone', 'sim');
  });

  it('curves page compares two dates in bp and flags a simulated curve', async () => {
    stubFetch();
    renderAt('/curves');
    const table = await screen.findByRole('table', { name: 'standard tenors' });
    await waitFor(() => expect(within(table).getAllByText('+25.0 bp').length).toBe(2));
    expect(within(table).getByText('11.250%')).toBeInTheDocument();
    expect(within(table).getByText('11.000%')).toBeInTheDocument();
    expect(screen.getAllByText('11.250%')[0]).toHaveClass('m-value');
    expect(screen.getByText('extrapolated')).toHaveAttribute('data-tone', 'warning');
    expect(await screen.findByTestId('sim-banner')).toBeInTheDocument();
  });

  it('planned pages say they are not built', async () => {
    stubFetch();
    renderAt('/risk');
    expect(await screen.findByText('Not built yet')).toBeInTheDocument();
  });

  it('stream events invalidate the queries they make stale', () => {
    const qc = new QueryClient();
    const spy = vi.spyOn(qc, 'invalidateQueries');
    handleStreamEvent(qc, 'ingestion');
    expect(spy.mock.calls.map((c) => c[0]?.queryKey?.[0])).toEqual(['ingestion', 'health', 'series']);
    spy.mockClear();
    handleStreamEvent(qc, 'quality');
    expect(spy.mock.calls.map((c) => c[0]?.queryKey?.[0])).toEqual(['quality']);
  });
});
