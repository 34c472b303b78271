// DataTable.tsx - the data grid of the design system on TanStack Table: click a header to sort
// (shift-click adds a column), a filter box over every column, group by a column (group rows
// expand to their members), expandable detail rows (renderDetail), column resize (drag a
// header's right edge), CSV export of the filtered and sorted rows, and row virtualisation
// (@tanstack/react-virtual) so 10,000 rows scroll smoothly. Loading, empty and error states.
// Exports DataTable, toCsv and the ColumnMeta it reads (align, numeric, csv).
import { Fragment, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  flexRender, getCoreRowModel, getExpandedRowModel, getFilteredRowModel, getGroupedRowModel,
  getSortedRowModel, useReactTable,
  type ColumnDef, type ExpandedState, type GroupingState, type Row, type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ErrorState, Loading } from './States';
import { fmtInt } from '../lib/format';

export interface ColumnMeta {
  align?: 'left' | 'right';
  numeric?: boolean;
}

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData, TValue> {
    align?: 'left' | 'right';
    numeric?: boolean;
  }
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV of `rows` (raw accessor values, not formatted) under `headers`. */
export function toCsv(headers: string[], rows: unknown[][]): string {
  return [headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export interface DataTableProps<T> {
  data: T[] | undefined;
  /** any: the column helper gives each column its own value type, ColumnDef<T, V> */
  columns: ColumnDef<T, any>[];
  loading?: boolean;
  error?: unknown;
  emptyText?: ReactNode;
  /** scroll height of the body in px; rows beyond it are virtualised */
  height?: number;
  initialSorting?: SortingState;
  /** column ids offered in the "group by" menu */
  groupable?: string[];
  renderDetail?: (row: T) => ReactNode;
  csvName?: string;
  filterable?: boolean;
  getRowId?: (row: T, i: number) => string;
  toolbar?: ReactNode;
  label?: string;
  /** rows above which the body is virtualised (default 100) */
  virtualizeAbove?: number;
}

type Item<T> = { kind: 'row'; row: Row<T> } | { kind: 'detail'; row: Row<T> };

export function DataTable<T>({
  data, columns, loading, error, emptyText = 'No rows', height = 480, initialSorting = [],
  groupable = [], renderDetail, csvName, filterable = true, getRowId, toolbar, label,
  virtualizeAbove = 100,
}: DataTableProps<T>) {
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const [globalFilter, setGlobalFilter] = useState('');
  const [grouping, setGrouping] = useState<GroupingState>([]);
  const [expanded, setExpanded] = useState<ExpandedState>({});
  const rows = useMemo(() => data ?? [], [data]);

  const table = useReactTable<T>({
    data: rows,
    columns,
    state: { sorting, globalFilter, grouping, expanded },
    onSortingChange: setSorting,
    onGlobalFilterChange: setGlobalFilter,
    onGroupingChange: setGrouping,
    onExpandedChange: setExpanded,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getGroupedRowModel: getGroupedRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
    getRowCanExpand: (r) => r.subRows.length > 0 || !!renderDetail,
    globalFilterFn: 'includesString',
    columnResizeMode: 'onChange',
    autoResetExpanded: false,
    autoResetPageIndex: false, // no pagination here; the reset would be a state update queued after render
    enableSortingRemoval: true,
    getRowId,
  });

  const items: Item<T>[] = useMemo(() => {
    const out: Item<T>[] = [];
    for (const r of table.getRowModel().rows) {
      out.push({ kind: 'row', row: r });
      if (renderDetail && !r.getIsGrouped() && r.getIsExpanded()) out.push({ kind: 'detail', row: r });
    }
    return out;
  }, [table.getRowModel().rows, renderDetail, expanded]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = items.length > virtualizeAbove;
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 24,
    overscan: 12,
    enabled: virtual,
  });

  const leafCols = table.getVisibleLeafColumns();
  const matched = table.getFilteredRowModel().rows.length;

  const exportCsv = () => {
    const cols = leafCols.filter((c) => c.id !== '_expand');
    const headers = cols.map((c) => (typeof c.columnDef.header === 'string' ? c.columnDef.header : c.id));
    const leaves = table.getSortedRowModel().flatRows.filter((r) => !r.getIsGrouped());
    const inFilter = new Set(table.getFilteredRowModel().flatRows.map((r) => r.id));
    const body = leaves.filter((r) => inFilter.has(r.id)).map((r) => cols.map((c) => r.getValue(c.id)));
    const blob = new Blob([toCsv(headers, body)], { type: 'text/csv' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${csvName ?? 'table'}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  let body: ReactNode;
  if (loading) body = <Loading />;
  else if (error) body = <ErrorState error={error} />;
  else if (rows.length === 0) body = <div className="state empty" data-state="empty">{emptyText}</div>;
  else {
    const renderItem = (it: Item<T>, idx: number, measure?: (el: Element | null) => void) => {
      const r = it.row;
      if (it.kind === 'detail') {
        return (
          <tr key={`${r.id}-detail`} className="detail" data-index={idx} ref={measure}>
            <td colSpan={leafCols.length}>{renderDetail?.(r.original)}</td>
          </tr>
        );
      }
      if (r.getIsGrouped()) {
        return (
          <tr key={r.id} className="group" data-index={idx} ref={measure}>
            <td colSpan={leafCols.length}>
              <button className="expander" onClick={r.getToggleExpandedHandler()} aria-expanded={r.getIsExpanded()}>
                {r.getIsExpanded() ? '▾' : '▸'}
              </button>
              {String(r.groupingValue ?? '—')} <span className="dim">({fmtInt(r.subRows.length)})</span>
            </td>
          </tr>
        );
      }
      return (
        <tr key={r.id} data-index={idx} ref={measure}>
          {r.getVisibleCells().map((c, ci) => {
            const meta = c.column.columnDef.meta;
            return (
              <td
                key={c.id}
                className={`${meta?.numeric ? 'num' : ''} ${meta?.align === 'right' ? 'right' : ''}`}
                style={{ width: c.column.getSize() }}
              >
                {ci === 0 && renderDetail && (
                  <button className="expander" onClick={r.getToggleExpandedHandler()} aria-expanded={r.getIsExpanded()} aria-label="details">
                    {r.getIsExpanded() ? '▾' : '▸'}
                  </button>
                )}
                {flexRender(c.column.columnDef.cell, c.getContext())}
              </td>
            );
          })}
        </tr>
      );
    };
    let tbody: ReactNode;
    if (virtual) {
      const vItems = virtualizer.getVirtualItems();
      const total = virtualizer.getTotalSize();
      const top = vItems[0]?.start ?? 0;
      const bottom = total - (vItems[vItems.length - 1]?.end ?? 0);
      tbody = (
        <tbody>
          {top > 0 && <tr style={{ height: top }} aria-hidden="true"><td colSpan={leafCols.length} style={{ border: 0, padding: 0 }} /></tr>}
          {vItems.map((v) => {
            const it = items[v.index];
            return it ? <Fragment key={v.key}>{renderItem(it, v.index, virtualizer.measureElement)}</Fragment> : null;
          })}
          {bottom > 0 && <tr style={{ height: bottom }} aria-hidden="true"><td colSpan={leafCols.length} style={{ border: 0, padding: 0 }} /></tr>}
        </tbody>
      );
    } else {
      tbody = <tbody>{items.map((it, i) => <Fragment key={`${it.kind}-${it.row.id}`}>{renderItem(it, i)}</Fragment>)}</tbody>;
    }
    body = (
      <div className="dt-scroll" ref={scrollRef} style={{ maxHeight: height }}>
        <table aria-label={label} style={{ width: table.getTotalSize() }}>
          <colgroup>
            {leafCols.map((c) => <col key={c.id} style={{ width: c.getSize() }} />)}
          </colgroup>
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const meta = h.column.columnDef.meta;
                  const sorted = h.column.getIsSorted();
                  return (
                    <th
                      key={h.id}
                      style={{ width: h.getSize(), position: 'sticky' }}
                      className={`${h.column.getCanSort() ? 'sortable' : ''} ${meta?.align === 'right' || meta?.numeric ? 'right' : ''}`}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                      onClick={h.column.getCanSort() ? h.column.getToggleSortingHandler() : undefined}
                    >
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      {sorted && <span className="sort">{sorted === 'asc' ? '▲' : '▼'}</span>}
                      {h.column.getCanResize() && (
                        <div
                          className={`resizer ${h.column.getIsResizing() ? 'resizing' : ''}`}
                          onMouseDown={h.getResizeHandler()}
                          onTouchStart={h.getResizeHandler()}
                          onClick={(e) => e.stopPropagation()}
                          role="separator"
                          aria-label={`resize ${h.column.id}`}
                        />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          {tbody}
        </table>
        {matched === 0 && <div className="state empty" data-state="empty">No rows match “{globalFilter}”</div>}
      </div>
    );
  }

  return (
    <div className="dt" data-virtual={virtual ? 'on' : 'off'}>
      {(filterable || groupable.length > 0 || csvName || toolbar) && (
        <div className="dt-tools">
          {filterable && (
            <input
              type="search"
              placeholder="Filter rows…"
              value={globalFilter}
              onChange={(e) => setGlobalFilter(e.target.value)}
              aria-label="filter rows"
            />
          )}
          {groupable.length > 0 && (
            <select aria-label="group by" value={grouping[0] ?? ''} onChange={(e) => setGrouping(e.target.value ? [e.target.value] : [])}>
              <option value="">No grouping</option>
              {groupable.map((g) => {
                const col = table.getColumn(g);
                const h = col?.columnDef.header;
                return <option key={g} value={g}>Group by {typeof h === 'string' ? h : g}</option>;
              })}
            </select>
          )}
          {toolbar}
          <span className="count">
            {matched === rows.length ? `${fmtInt(rows.length)} rows` : `${fmtInt(matched)} of ${fmtInt(rows.length)} rows`}
          </span>
          {csvName && (
            <button onClick={exportCsv} disabled={!rows.length}>
              Export CSV
            </button>
          )}
        </div>
      )}
      {body}
    </div>
  );
}
