/**
 * The station-wide event channel: what happens outside any call (a token plugged or pulled, the
 * signer host restarted, a sync that changed what is pending) reaches every connected window,
 * not only the one whose call caused it. Each transport subscribes a connection when it opens and
 * unsubscribes when it closes. Events are checked against the contract before they leave (a bug
 * here must not reach the renderer), and one connection's failure never stops the others.
 */
import type { EventData, EventName } from '../../../shared/rpc/contract.js';
import type { Logger } from '../logger.js';
import { checkEvent, type CallContext } from './dispatcher.js';

/** Where a connection receives events: the same signature as a call's `emit`. */
export type EventSink = CallContext['emit'];

export interface EventHub {
  /** Sends every later station event to `emit` until the returned function is called. */
  subscribe(emit: EventSink): () => void;
  publish<E extends EventName>(event: E, data: EventData<E>): void;
  /**
   * The context a call runs with: its station-wide events go to the hub (every window, the
   * caller included, since the caller's connection is subscribed), the rest (progress) to the
   * caller alone.
   */
  callContext(ctx: CallContext): CallContext;
}

/** Events about the station rather than about one call. */
const STATION_EVENTS: ReadonlySet<EventName> = new Set<EventName>(['token.changed', 'signer.status', 'sync.changed']);

export function createEventHub(logger: Logger): EventHub {
  const sinks = new Set<EventSink>();
  const hub: EventHub = {
    subscribe(emit) {
      // A wrapper per subscription: the same function subscribed twice is two connections.
      const sink: EventSink = (event, data) => emit(event, data);
      sinks.add(sink);
      return () => {
        sinks.delete(sink);
      };
    },
    publish(event, data) {
      if (!checkEvent(event, data)) {
        logger.log('error', 'events: event breaks the contract', { event });
        return;
      }
      // A copy of the set: a sink may unsubscribe (its connection closed) while we deliver.
      for (const sink of [...sinks]) {
        try {
          sink(event, data);
        } catch (err) {
          logger.log('warn', 'events: a connection failed to take an event', { event, error: err instanceof Error ? err.name : 'unknown' });
        }
      }
    },
    callContext(ctx) {
      return { emit: (event, data) => (STATION_EVENTS.has(event) ? hub.publish(event, data) : ctx.emit(event, data)) };
    },
  };
  return hub;
}
