import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { UseQueryResult } from '@tanstack/react-query';
import { MetricCard } from './MetricCard';
import { PriceDisplay } from './PriceDisplay';
import { SignalBadge, signalTone } from './SignalBadge';
import { ApprovalButton } from './ApprovalButton';
import { ExposureBar } from './ExposureBar';
import { AlertBanner } from './AlertBanner';
import { Timeline, TimelineEvent } from './TimelineEvent';
import { TimeSeriesChart } from './TimeSeriesChart';
import { CurveChart } from './CurveChart';
import { QueryView } from './States';
import { ApiError } from '../lib/api';
import { fmtPct } from '../lib/format';

describe('MetricCard', () => {
  it('has loading, empty, error and ready states', () => {
    const { container, rerender } = render(<MetricCard label="1Y" value="11.07%" loading />);
    expect(container.firstChild).toHaveAttribute('data-state', 'loading');
    rerender(<MetricCard label="1Y" value={null} />);
    expect(container.firstChild).toHaveAttribute('data-state', 'empty');
    rerender(<MetricCard label="1Y" value="x" error="503: store unavailable" sub="s" />);
    expect(container.firstChild).toHaveAttribute('data-state', 'error');
    expect(screen.getByText('503: store unavailable')).toBeInTheDocument();
    rerender(<MetricCard label="P&L" value="+1,000" signOf={1000} />);
    expect(screen.getByText('+1,000')).toHaveClass('pos');
    rerender(<MetricCard label="P&L" value="−1,000" signOf={-1000} />);
    expect(screen.getByText('−1,000')).toHaveClass('neg');
  });
});

describe('PriceDisplay', () => {
  it('colours the change and prints rate changes in bp', () => {
    render(<PriceDisplay value={11.07} previous={10.95} format={(v) => fmtPct(v)} changeUnit="bp" />);
    expect(screen.getByText('11.07%')).toHaveClass('pos');
    expect(screen.getByText('+12.0 bp')).toHaveClass('pos');
  });
  it('flashes on an update, down in red', () => {
    vi.useFakeTimers();
    const { container, rerender } = render(<PriceDisplay value={100} />);
    expect(container.firstChild).not.toHaveAttribute('data-flash');
    rerender(<PriceDisplay value={99.5} />);
    expect(container.firstChild).toHaveAttribute('data-flash', 'flash-down');
    act(() => { vi.advanceTimersByTime(1000); });
    expect(container.firstChild).not.toHaveAttribute('data-flash');
    rerender(<PriceDisplay value={101} />);
    expect(container.firstChild).toHaveAttribute('data-flash', 'flash-up');
    vi.useRealTimers();
  });
});

describe('SignalBadge', () => {
  it('maps words to tones', () => {
    expect(signalTone('LONG')).toBe('positive');
    expect(signalTone('critical')).toBe('negative');
    expect(signalTone('warning')).toBe('warning');
    expect(signalTone('simulated')).toBe('sim');
    render(<SignalBadge label="failed" />);
    expect(screen.getByText('failed')).toHaveAttribute('data-tone', 'negative');
  });
});

describe('ApprovalButton', () => {
  it('needs a confirmation and reports the decision', async () => {
    const decide = vi.fn().mockResolvedValue(undefined);
    render(<ApprovalButton onDecide={decide} label="DI1F27 payer" />);
    fireEvent.click(screen.getByLabelText('approve DI1F27 payer'));
    expect(decide).not.toHaveBeenCalled();
    await act(async () => { fireEvent.click(screen.getByLabelText('confirm approved DI1F27 payer')); });
    expect(decide).toHaveBeenCalledWith('approved');
    expect(screen.getByText('APPROVED')).toBeInTheDocument();
  });
  it('shows the error when the decision fails', async () => {
    render(<ApprovalButton onDecide={() => Promise.reject(new Error('limit breached'))} />);
    fireEvent.click(screen.getByText('Reject'));
    await act(async () => { fireEvent.click(screen.getByText('Confirm reject')); });
    expect(screen.getByRole('alert')).toHaveTextContent('limit breached');
  });
});

describe('ExposureBar, AlertBanner, Timeline', () => {
  it('marks an exposure over its limit', () => {
    render(<ExposureBar label="DV01" value={-120} limit={100} unit="k" />);
    expect(screen.getByText('−120.0k')).toHaveClass('neg');
  });
  it('dismisses an alert', () => {
    render(<AlertBanner severity="critical" title="Feed down" dismissible>SGS stale</AlertBanner>);
    expect(screen.getByRole('alert')).toHaveTextContent('Feed down');
    fireEvent.click(screen.getByLabelText('dismiss'));
    expect(screen.queryByRole('alert')).toBeNull();
  });
  it('lists timeline events or says it is empty', () => {
    const { rerender } = render(<Timeline empty="quiet">{[]}</Timeline>);
    expect(screen.getByText('quiet')).toBeInTheDocument();
    rerender(<Timeline>{[<TimelineEvent key="1" at="2026-11-24T10:00:00Z" title="ingestion" body="run 12" />]}</Timeline>);
    expect(screen.getByText('2026-11-24 10:00:00Z')).toBeInTheDocument();
  });
});

describe('charts', () => {
  it('time series chart has loading, error and empty states', () => {
    const { rerender } = render(<TimeSeriesChart data={undefined} series={[{ key: 'v', name: 'v' }]} loading />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading chart');
    rerender(<TimeSeriesChart data={undefined} series={[]} error={new ApiError(404, 'Not Found', "no series 'X'", '/x')} />);
    expect(screen.getByRole('alert')).toHaveTextContent("404: no series 'X'");
    rerender(<TimeSeriesChart data={[]} series={[]} emptyText="nothing known" />);
    expect(screen.getByText('nothing known')).toBeInTheDocument();
    rerender(<TimeSeriesChart data={[{ date: '2026-01-02', v: 1 }, { date: '2026-01-05', v: 2 }]} series={[{ key: 'v', name: 'v' }]} />);
    expect(screen.getByTestId('ts-chart')).toHaveAttribute('data-points', '2');
  });
  it('curve chart is empty without points', () => {
    render(<CurveChart curves={[{ name: 'a', points: [] }]} />);
    expect(screen.getByText('No curve on this date')).toBeInTheDocument();
  });
});

describe('QueryView', () => {
  const q = (p: Partial<UseQueryResult<number[]>>) => p as UseQueryResult<number[]>;
  it('picks the state of a query', () => {
    const child = (d: number[]) => <span>{d.length} items</span>;
    const { rerender } = render(<QueryView query={q({ isPending: true })}>{child}</QueryView>);
    expect(screen.getByRole('status')).toBeInTheDocument();
    rerender(<QueryView query={q({ isPending: false, isError: true, error: new Error('down') })}>{child}</QueryView>);
    expect(screen.getByRole('alert')).toHaveTextContent('down');
    rerender(<QueryView query={q({ isPending: false, isError: false, data: [] })} isEmpty={(d) => d.length === 0} empty="none">{child}</QueryView>);
    expect(screen.getByText('none')).toBeInTheDocument();
    rerender(<QueryView query={q({ isPending: false, isError: false, data: [1, 2] })}>{child}</QueryView>);
    expect(screen.getByText('2 items')).toBeInTheDocument();
  });
});
