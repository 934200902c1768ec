/**
 * The lifecycle messages between the main process and its two utility processes (DESIGN §2).
 * Main only relays lifecycle: it starts the core, hands out MessagePorts (renderer ↔ core,
 * core ↔ signer host) and reports exits; RPC traffic and PINs travel on the ports and never
 * pass through main. Each side parses what it receives, so a bug shows as a logged refusal.
 */
import { z } from 'zod';

const id = z.number().int().positive();

/** core → main (process.parentPort.postMessage). */
export const CoreToMain = z.discriminatedUnion('type', [
  z.object({ type: z.literal('core.ready') }),
  z.object({ type: z.literal('core.failed'), code: z.string(), message_vi: z.string(), message_en: z.string() }),
  /** Start a signer host and send me the port to it (HostSpawner in the core). */
  z.object({ type: z.literal('signer.spawn'), id }),
  z.object({ type: z.literal('signer.kill'), id }),
]);
export type CoreToMain = z.infer<typeof CoreToMain>;

/** main → core (utilityProcess.postMessage, ports in the transfer list where noted). */
export const MainToCore = z.discriminatedUnion('type', [
  /** + port: a renderer's RPC connection. */
  z.object({ type: z.literal('rpc.connect'), connection: id }),
  /** Close a connection (its window reloaded, asked for a new one, or closed). */
  z.object({ type: z.literal('rpc.close'), connection: id }),
  /** + port: the signer host `id` is running; talk to it on this port. */
  z.object({ type: z.literal('signer.spawned'), id, pid: z.number().int().nullable() }),
  z.object({ type: z.literal('signer.log'), id, line: z.string() }),
  z.object({ type: z.literal('signer.exit'), id, code: z.number().int().nullable() }),
  z.object({ type: z.literal('shutdown') }),
]);
export type MainToCore = z.infer<typeof MainToCore>;

/** main → signer host: + port, the core's end. */
export const MainToSigner = z.object({ type: z.literal('signer.connect') });
export type MainToSigner = z.infer<typeof MainToSigner>;

/**
 * The shape of Electron's MessagePortMain and of `process.parentPort` that the utility
 * processes use — structural, so these files need no `electron` import and tests can pass fakes.
 */
export interface PortMessageEvent {
  data: unknown;
  ports: PortLike[];
}
export interface PortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: PortMessageEvent) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
}
export interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: PortMessageEvent) => void): unknown;
}
