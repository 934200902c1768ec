/**
 * The typed RPC client that the renderer (and tests, and the CLI) use. Transport-agnostic: a
 * MessagePort, a WebSocket or an in-process pipe all fit `RpcTransport`.
 */
import { StationError } from '../errors.js';
import type { EventData, EventName, MethodName, ParamsOf, ResultOf } from './contract.js';
import { RPC_ERRORS, RpcEvent, RpcReply, type RpcRequest } from './protocol.js';

export interface RpcTransport {
  send(message: RpcRequest): void;
  /** Registers the receiver of every incoming message; returns an unsubscribe function. */
  onMessage(receive: (message: unknown) => void): () => void;
  onClose?(closed: () => void): void;
}

/** An error reply from the core, with its stable code and both languages. */
export class RpcError extends StationError {}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class RpcClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(data: unknown) => void>>();

  constructor(
    private readonly transport: RpcTransport,
    private readonly options: { timeoutMs?: number } = {},
  ) {
    transport.onMessage((message) => this.receive(message));
    transport.onClose?.(() => this.failAll());
  }

  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const id = this.nextId++;
    return new Promise<ResultOf<M>>((resolve, reject) => {
      const timeoutMs = this.options.timeoutMs;
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              this.pending.delete(id);
              const e = RPC_ERRORS.TIMEOUT;
              reject(new RpcError(e.code, e.vi, e.en, { method }));
            }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.transport.send({ id, method, params });
    });
  }

  on<E extends EventName>(event: E, listener: (data: EventData<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (data: unknown) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (data: unknown) => void);
  }

  private receive(message: unknown): void {
    const event = RpcEvent.safeParse(message);
    if (event.success && !('id' in (message as object))) {
      for (const listener of this.listeners.get(event.data.event) ?? []) listener(event.data.data);
      return;
    }
    const reply = RpcReply.safeParse(message);
    if (!reply.success || typeof reply.data.id !== 'number') return;
    const pending = this.pending.get(reply.data.id);
    if (!pending) return;
    this.pending.delete(reply.data.id);
    if (pending.timer !== undefined) clearTimeout(pending.timer);
    if (reply.data.ok) pending.resolve(reply.data.result);
    else {
      const { code, message_vi, message_en, message: text, details } = reply.data.error;
      pending.reject(new RpcError(code, message_vi ?? text, message_en ?? text, details));
    }
  }

  private failAll(): void {
    const e = RPC_ERRORS.TRANSPORT_CLOSED;
    for (const [id, pending] of this.pending) {
      if (pending.timer !== undefined) clearTimeout(pending.timer);
      pending.reject(new RpcError(e.code, e.vi, e.en));
      this.pending.delete(id);
    }
  }
}
