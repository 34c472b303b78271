import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { QueryClient } from '@tanstack/react-query';
import { App } from '../App';
import { stubFetch } from '../test/fixtures';
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
