import { throwIfAborted } from './importErrors.js';

/**
 * Lets the event loop run between slices of a long synchronous loop (parsing, mapping, validating
 * a big file): progress events reach the UI and a cancel request (tasks.cancel over RPC) can
 * arrive and abort the signal, which is checked right after.
 */
export async function yieldToEventLoop(signal: AbortSignal | undefined): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  throwIfAborted(signal);
}
