import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { createColumnHelper } from '@tanstack/react-table';
import { DataTable, toCsv } from './DataTable';
import { fmtPnl } from '../lib/format';

interface Row { book: string; name: string; pnl: number }
const c = createColumnHelper<Row>();
const columns = [
  c.accessor('book', { header: 'Book', size: 80 }),
  c.accessor('name', { header: 'Name', size: 120 }),
  c.accessor('pnl', { header: 'P&L', size: 100, meta: { numeric: true }, cell: (x) => fmtPnl(x.getValue()) }),
];
const rows: Row[] = [
  { book: 'rates', name: 'DI1F27', pnl: 1500 },
  { book: 'fx', name: 'USDBRL', pnl: -2500 },
  { book: 'rates', name: 'NTNB35', pnl: 300 },
];

const names = () =>
  within(screen.getByRole('table')).getAllByRole('row').slice(1).map((r) => r.querySelectorAll('td')[1]?.textContent);

describe('DataTable', () => {
  it('shows loading, error and empty states', () => {
    const { rerender } = render(<DataTable data={undefined} columns={columns} loading />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading');
    rerender(<DataTable data={undefined} columns={columns} error={new Error('boom')} />);
    expect(screen.getByRole('alert')).toHaveTextContent('boom');
    rerender(<DataTable data={[]} columns={columns} emptyText="Nothing booked" />);
    expect(screen.getByText('Nothing booked')).toBeInTheDocument();
  });

  it('sorts by a column ascending then descending on header clicks', () => {
    render(<DataTable data={rows} columns={columns} />);
    expect(names()).toEqual(['DI1F27', 'USDBRL', 'NTNB35']);
    const pnl = screen.getByRole('columnheader', { name: /P&L/ });
    fireEvent.click(pnl);
    // numbers sort descending first in TanStack's default for numeric columns
    const first = pnl.getAttribute('aria-sort');
    expect(first === 'ascending' || first === 'descending').toBe(true);
    const order1 = names();
    fireEvent.click(pnl);
    const order2 = names();
    expect(order2).toEqual([...order1].reverse());
    expect(new Set([JSON.stringify(order1), JSON.stringify(order2)])).toEqual(
      new Set([JSON.stringify(['USDBRL', 'NTNB35', 'DI1F27']), JSON.stringify(['DI1F27', 'NTNB35', 'USDBRL'])]),
    );
    const name = screen.getByRole('columnheader', { name: /Name/ });
    fireEvent.click(name);
    expect(name).toHaveAttribute('aria-sort', 'ascending');
    expect(names()).toEqual(['DI1F27', 'NTNB35', 'USDBRL']);
  });

  it('formats P&L cells with sign and separators', () => {
    render(<DataTable data={rows} columns={columns} />);
    expect(screen.getByText('+1,500')).toBeInTheDocument();
    expect(screen.getByText('\u22122,500')).toBeInTheDocument();
  });

  it('filters rows on any column', () => {
    render(<DataTable data={rows} columns={columns} />);
    fireEvent.change(screen.getByLabelText('filter rows'), { target: { value: 'ntnb' } });
    expect(names()).toEqual(['NTNB35']);
    expect(screen.getByText('1 of 3 rows')).toBeInTheDocument();
  });

  it('groups by a column and expands a group', () => {
    render(<DataTable data={rows} columns={columns} groupable={['book']} />);
    fireEvent.change(screen.getByLabelText('group by'), { target: { value: 'book' } });
    const groups = screen.getAllByRole('button', { expanded: false });
    expect(groups.map((g) => g.parentElement?.textContent)).toEqual(['▸rates (2)', '▸fx (1)']);
    fireEvent.click(groups[0]!);
    expect(screen.getByText('DI1F27')).toBeInTheDocument();
    expect(screen.queryByText('USDBRL')).toBeNull();
  });

  it('expands a row to its detail', () => {
    render(<DataTable data={rows} columns={columns} renderDetail={(r) => <span>detail of {r.name}</span>} />);
    expect(screen.queryByText('detail of USDBRL')).toBeNull();
    fireEvent.click(screen.getAllByLabelText('details')[1]!);
    expect(screen.getByText('detail of USDBRL')).toBeInTheDocument();
  });

  it('virtualises 10,000 rows: the DOM holds only a window of them', () => {
    const many: Row[] = Array.from({ length: 10_000 }, (_, i) => ({ book: 'b', name: `R${i}`, pnl: i }));
    const { container } = render(<DataTable data={many} columns={columns} height={400} />);
    expect(container.querySelector('.dt')).toHaveAttribute('data-virtual', 'on');
    expect(screen.getByText('10,000 rows')).toBeInTheDocument();
    expect(container.querySelectorAll('tbody tr').length).toBeLessThan(200);
  });

  it('has a resize handle on every column', () => {
    render(<DataTable data={rows} columns={columns} />);
    expect(screen.getAllByRole('separator')).toHaveLength(3);
  });

  it('writes RFC 4180 CSV', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y'], [null, 'say "hi"']])).toBe('a,b\r\n1,"x,y"\r\n,"say ""hi"""\r\n');
  });
});
