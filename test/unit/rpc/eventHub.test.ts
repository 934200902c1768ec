// The station-wide event channel: every subscribed connection receives each event, a connection
// that throws does not stop the others, an unsubscribed one hears nothing more, an event that
// breaks the contract never leaves the core, and a call's station-wide events go to every window
// while its progress stays with the caller.
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../electron/core/logger.js';
import { createEventHub } from '../../../electron/core/rpc/eventHub.js';
import type { EventData, EventName } from '../../../shared/rpc/contract.js';

type Seen = { event: EventName; data: unknown }[];
const sink = (seen: Seen) => <E extends EventName>(event: E, data: EventData<E>) => void seen.push({ event, data });
const removed: EventData<'token.changed'> = { present: false, serial: 'T1', loggedIn: false, reason: 'TOKEN_REMOVED' };

describe('event hub', () => {
  it('delivers to every subscriber until it unsubscribes', () => {
    const hub = createEventHub(memoryLogger());
    const a: Seen = [];
    const b: Seen = [];
    const stopA = hub.subscribe(sink(a));
    hub.subscribe(sink(b));
    hub.publish('token.changed', removed);
    stopA();
    hub.publish('signer.status', { state: 'running' });
    expect(a).toEqual([{ event: 'token.changed', data: removed }]);
    expect(b).toEqual([
      { event: 'token.changed', data: removed },
      { event: 'signer.status', data: { state: 'running' } },
    ]);
  });

  it('keeps delivering to the others when one connection throws, and logs it without the data', () => {
    const logger = memoryLogger();
    const hub = createEventHub(logger);
    const after: Seen = [];
    hub.subscribe(() => {
      throw new Error('socket gone');
    });
    hub.subscribe(sink(after));
    hub.publish('token.changed', removed);
    expect(after).toHaveLength(1);
    expect(logger.lines).toEqual([expect.objectContaining({ level: 'warn', fields: { event: 'token.changed', error: 'Error' } })]);
  });

  it('treats the same listener subscribed twice as two connections', () => {
    const hub = createEventHub(memoryLogger());
    const seen: Seen = [];
    const listener = sink(seen);
    const stopFirst = hub.subscribe(listener);
    hub.subscribe(listener);
    stopFirst();
    hub.publish('signer.status', { state: 'running' });
    expect(seen).toHaveLength(1);
  });

  it('drops an event that breaks the contract and logs the event name', () => {
    const logger = memoryLogger();
    const hub = createEventHub(logger);
    const seen: Seen = [];
    hub.subscribe(sink(seen));
    hub.publish('signer.status', { state: 'exploded' } as never);
    expect(seen).toEqual([]);
    expect(logger.lines).toEqual([expect.objectContaining({ level: 'error', fields: { event: 'signer.status' } })]);
  });

  it("sends a call's station events to every window and its progress to the caller alone", () => {
    const hub = createEventHub(memoryLogger());
    const caller: Seen = [];
    const other: Seen = [];
    hub.subscribe(sink(caller));
    hub.subscribe(sink(other));
    const ctx = hub.callContext({ emit: sink(caller) });
    ctx.emit('progress', { taskId: 's', task: 'sync', done: 1, total: 2 });
    ctx.emit('sync.changed', { pendingBatches: 0, lastContactAt: null });
    expect(caller.map((e) => e.event)).toEqual(['progress', 'sync.changed']);
    expect(other).toEqual([{ event: 'sync.changed', data: { pendingBatches: 0, lastContactAt: null } }]);
  });
});
