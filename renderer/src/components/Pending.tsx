/** Renders a useCall state: loading, not available yet, an error, or the data. */
import type { ReactNode } from 'react';
import type { CallState } from '../rpc/useCall.js';
import { ErrorMessage } from './ErrorMessage.js';
import { Loading, NotAvailable } from './Notices.js';

export function Pending<T>({ state, children }: { state: CallState<T>; children: (data: T) => ReactNode }) {
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'unavailable') return <NotAvailable />;
  if (state.status === 'error') return <ErrorMessage error={state.error} />;
  return <>{children(state.data)}</>;
}
