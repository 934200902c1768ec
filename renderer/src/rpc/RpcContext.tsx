/** The one RpcClient of the page, handed to every screen through React context. */
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { RpcClient } from '../../../shared/rpc/client.js';
import type { EventData, EventName } from '../../../shared/rpc/contract.js';

const RpcContext = createContext<RpcClient | null>(null);

export function RpcProvider({ client, children }: { client: RpcClient; children: ReactNode }) {
  return <RpcContext.Provider value={client}>{children}</RpcContext.Provider>;
}

export function useRpc(): RpcClient {
  const client = useContext(RpcContext);
  if (client === null) throw new Error('useRpc outside RpcProvider');
  return client;
}

/** Subscribes to a core event for the life of the component; the latest listener is always used. */
export function useRpcEvent<E extends EventName>(event: E, listener: (data: EventData<E>) => void): void {
  const client = useRpc();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => client.on(event, (data) => latest.current(data)), [client, event]);
}
