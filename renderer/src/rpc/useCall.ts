/**
 * Loads one RPC result for a screen: loading, the data, an error (in both languages), or
 * "unavailable" when this station's core does not offer the method yet (RPC_UNKNOWN_METHOD).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodName, ParamsOf, ResultOf } from '../../../shared/rpc/contract.js';
import { useRpc } from './RpcContext.js';

export type CallState<T> =
  | { status: 'loading' }
  | { status: 'ok'; data: T }
  | { status: 'error'; error: unknown }
  | { status: 'unavailable' };

export const UNKNOWN_METHOD = 'RPC_UNKNOWN_METHOD';

export function errorCode(error: unknown): string | null {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : null;
}

export function isUnavailable(error: unknown): boolean {
  return errorCode(error) === UNKNOWN_METHOD;
}

/** Calls `method` with `params` now and whenever the params change; `reload()` calls it again. */
export function useCall<M extends MethodName>(method: M, params: ParamsOf<M>, options: { skip?: boolean } = {}): [CallState<ResultOf<M>>, () => void] {
  const client = useRpc();
  const key = JSON.stringify(params);
  const [state, setState] = useState<CallState<ResultOf<M>>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  useEffect(() => {
    if (options.skip) return;
    const mine = ++generation.current;
    // Keep showing the previous data while reloading: no flicker on refresh.
    setState((s) => (s.status === 'ok' ? s : { status: 'loading' }));
    client.call(method, JSON.parse(key) as ParamsOf<M>).then(
      (data) => {
        if (generation.current === mine) setState({ status: 'ok', data });
      },
      (error: unknown) => {
        if (generation.current === mine) setState(isUnavailable(error) ? { status: 'unavailable' } : { status: 'error', error });
      },
    );
  }, [client, method, key, tick, options.skip]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return [state, reload];
}
