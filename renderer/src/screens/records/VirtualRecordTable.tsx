/**
 * The records as an ARIA grid that renders only the rows in view (virtualised): the body is as
 * tall as all rows together, and the ~30 rows near the scroll position are placed in it. The
 * grid itself takes the focus; arrow keys, Page Up/Down and Home/End move the active row (the
 * scroll follows), Enter opens it. A row's click opens it too.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { StateBadge } from '../../components/StateBadge.js';
import { formatDate } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { MessageKey } from '../../i18n/vi.js';
import { vaccineByCode } from '../../../../shared/domain/vaccines.js';
import type { RecordPages, RecordRow } from './useRecordPages.js';
import { scrollToReveal, visibleRange } from './virtualRange.js';

/** Fixed heights (px) keep the row ↔ offset arithmetic exact; styles/app.css uses the same. */
export const ROW_HEIGHT = 40;
const HEADER_HEIGHT = 40;

const COLUMNS: { key: MessageKey; cell: (r: RecordRow, lang: 'vi' | 'en') => ReactNode }[] = [
  { key: 'col.name', cell: (r) => r.person.fullName },
  { key: 'col.idNumber', cell: (r) => r.person.idNumber },
  { key: 'col.dob', cell: (r) => formatDate(r.person.dob) },
  { key: 'col.vaccine', cell: (r) => vaccineByCode(r.record.vaccine)?.name ?? r.record.vaccine },
  { key: 'col.dose', cell: (r) => r.record.doseNumber },
  { key: 'col.date', cell: (r) => formatDate(r.record.vaccinationDate) },
  { key: 'col.state', cell: (r) => <StateBadge state={r.record.state} /> },
];

export function VirtualRecordTable({ pages, onOpen, helpId }: { pages: RecordPages; onOpen: (id: string) => void; helpId: string }) {
  const { t, lang } = useI18n();
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [active, setActive] = useState<number | null>(null);
  const total = pages.total ?? 0;

  useLayoutEffect(() => {
    const el = viewport.current;
    if (el === null) return;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A new query: back to the top.
  useEffect(() => {
    if (pages.total === null) {
      setActive(null);
      if (viewport.current) viewport.current.scrollTop = 0;
      setScrollTop(0);
    }
  }, [pages.total]);

  const bodyHeight = Math.max(0, height - HEADER_HEIGHT);
  const { first, last } = visibleRange({ scrollTop, viewportHeight: bodyHeight, rowHeight: ROW_HEIGHT, total });
  const { ensure } = pages;
  useEffect(() => ensure(first, last), [ensure, first, last]);

  const moveTo = (index: number) => {
    if (total === 0) return;
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    const el = viewport.current;
    if (el === null) return;
    const top = scrollToReveal(next, el.scrollTop, bodyHeight, ROW_HEIGHT);
    if (top !== null) {
      el.scrollTop = top;
      setScrollTop(top);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const perPage = Math.max(1, Math.floor(bodyHeight / ROW_HEIGHT) - 1);
    const current = active ?? -1;
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(current + 1),
      ArrowUp: () => moveTo(Math.max(0, current - 1)),
      PageDown: () => moveTo(current + perPage),
      PageUp: () => moveTo(current - perPage),
      Home: () => moveTo(0),
      End: () => moveTo(total - 1),
      Enter: () => {
        const row = active === null ? undefined : pages.rowAt(active);
        if (row) onOpen(row.record.id);
      },
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  const rows = [];
  for (let i = first; i < last; i++) {
    const row = pages.rowAt(i);
    rows.push(
      <div
        key={i}
        id={`record-row-${i}`}
        role="row"
        aria-rowindex={i + 2}
        aria-selected={active === i}
        className={`vtable-row${active === i ? ' active' : ''}${row ? '' : ' placeholder'}`}
        style={{ transform: `translateY(${i * ROW_HEIGHT}px)` }}
        onClick={() => {
          setActive(i);
          if (row) onOpen(row.record.id);
        }}
      >
        {COLUMNS.map((c) => (
          <div key={c.key} role="gridcell" className="vtable-cell">
            {row ? c.cell(row, lang) : '…'}
          </div>
        ))}
      </div>,
    );
  }
  const activeRendered = active !== null && active >= first && active < last;

  return (
    <div
      ref={viewport}
      className="vtable"
      role="grid"
      tabIndex={0}
      aria-label={t('records.tableLabel')}
      aria-describedby={helpId}
      aria-rowcount={total + 1}
      aria-colcount={COLUMNS.length}
      aria-activedescendant={activeRendered ? `record-row-${active}` : undefined}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        if (e.target === e.currentTarget && active === null && total > 0) setActive(Math.min(first + (scrollTop > 0 ? 1 : 0), total - 1));
      }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      data-total={total}
    >
      <div role="rowgroup" className="vtable-head">
        <div role="row" aria-rowindex={1} className="vtable-row vtable-header">
          {COLUMNS.map((c) => (
            <div key={c.key} role="columnheader" className="vtable-cell">
              {t(c.key)}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="vtable-body" style={{ height: total * ROW_HEIGHT }}>
        {rows}
      </div>
    </div>
  );
}
