/**
 * The records table's data: `records.list` pages fetched on demand for the rows in view, and the
 * total for the scroll height. Changing the query starts over; answers to an old query are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ParamsOf, ResultOf } from '../../../../shared/rpc/contract.js';
import { useRpc } from '../../rpc/RpcContext.js';
import { PageCache } from './pageCache.js';
import { mergeTotal, type PageTotal } from './pageTotal.js';

export type RecordRow = ResultOf<'records.list'>['items'][number];
export type RecordFilter = Omit<ParamsOf<'records.list'>, 'limit' | 'offset'>;

export const PAGE_SIZE = 100;

export interface RecordPages {
  /** null until the first page of the current query has answered. */
  total: number | null;
  /** `total` is a lower bound (a search's count stops past the page); it grows with further pages. */
  totalCapped: boolean;
  error: unknown;
  rowAt(index: number): RecordRow | undefined;
  /** Asks for the pages covering rows [first, last). */
  ensure(first: number, last: number): void;
  /** Changes whenever new rows arrived (a render dependency). */
  version: number;
}

export function useRecordPages(filter: RecordFilter): RecordPages {
  const client = useRpc();
  const key = JSON.stringify(filter);
  const state = useRef({ key: '', generation: 0, cache: new PageCache<RecordRow>(PAGE_SIZE) });
  const [total, setTotal] = useState<PageTotal | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);

  const fetchPage = useCallback(
    (page: number) => {
      const s = state.current;
      const generation = s.generation;
      s.cache.markFetching(page);
      const params = { ...(JSON.parse(s.key) as RecordFilter), limit: PAGE_SIZE, offset: page * PAGE_SIZE };
      client.call('records.list', params).then(
        (result) => {
          if (state.current.generation !== generation) return;
          s.cache.store(page, result.items);
          setTotal((prev) => mergeTotal(prev, result));
          setError(null);
          setVersion((v) => v + 1);
        },
        (err: unknown) => {
          if (state.current.generation !== generation) return;
          s.cache.failed(page);
          setError(err);
        },
      );
    },
    [client],
  );

  useEffect(() => {
    const s = state.current;
    s.key = key;
    s.generation += 1;
    s.cache = new PageCache<RecordRow>(PAGE_SIZE);
    setTotal(null);
    setError(null);
    fetchPage(0);
  }, [key, fetchPage]);

  const ensure = useCallback(
    (first: number, last: number) => {
      for (const page of state.current.cache.missing(first, last)) fetchPage(page);
    },
    [fetchPage],
  );

  return { total: total?.n ?? null, totalCapped: total?.capped ?? false, error, version, ensure, rowAt: (index) => state.current.cache.rowAt(index) };
}
