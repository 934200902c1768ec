/**
 * What the core utility process does (coreProcess.ts is its entry): opens the station core on
 * the data directory with the Electron signer spawner, serves each renderer port main hands it,
 * and shuts down cleanly (signer host finalised, database closed) when main asks.
 */
import { isStationError } from '../../shared/errors.js';
import type { Logger } from '../core/logger.js';
import { openStation, type StationCore, type StationOptions } from '../core/station.js';
import { MainToCore, type ParentPortLike } from './processMessages.js';
import { serveRpcPort, type RpcPortConnection } from './rpcPort.js';
import { utilitySignerSpawner } from './utilitySigner.js';

export interface CoreProcessOptions {
  parent: ParentPortLike;
  dataDir: string;
  logger: Logger;
  /** Leaves the process (process.exit in the utility process). */
  exit(code: number): void;
  /** Opens the core (tests may add options); default openStation. */
  open?: (opts: StationOptions) => StationCore;
}

export interface CoreProcess {
  readonly core: StationCore | null;
  shutdown(): Promise<void>;
}

export function runCoreProcess(opts: CoreProcessOptions): CoreProcess {
  const { parent, logger } = opts;
  const signers = utilitySignerSpawner(parent);
  let core: StationCore | null = null;
  try {
    core = (opts.open ?? openStation)({ dataDir: opts.dataDir, logger, signing: { spawn: signers.spawn } });
  } catch (err) {
    const info = isStationError(err)
      ? { code: err.code, message_vi: err.messageVi, message_en: err.messageEn }
      : { code: 'CORE_START_FAILED', message_vi: 'Không mở được dữ liệu của trạm.', message_en: 'The station data could not be opened.' };
    logger.log('error', 'core: start failed', { code: info.code });
    parent.postMessage({ type: 'core.failed', ...info });
    opts.exit(1);
    return { core: null, shutdown: async () => {} };
  }

  const connections = new Map<number, RpcPortConnection>();
  let closing: Promise<void> | null = null;
  const shutdown = () => {
    closing ??= (async () => {
      logger.log('info', 'core: shutting down', { connections: connections.size });
      for (const connection of connections.values()) connection.close();
      connections.clear();
      try {
        await core?.close();
      } catch (err) {
        logger.log('error', 'core: close failed', { error: err instanceof Error ? err.message : String(err) });
      }
      opts.exit(0);
    })();
    return closing;
  };

  const opened = core;
  parent.on('message', (e) => {
    const parsed = MainToCore.safeParse(e.data);
    if (!parsed.success) {
      logger.log('warn', 'core: unknown message from main', {});
      for (const port of e.ports) port.close();
      return;
    }
    const message = parsed.data;
    if (signers.receive(message, e.ports)) return;
    if (message.type === 'rpc.connect') {
      const port = e.ports[0];
      if (port === undefined || closing) return;
      connections.get(message.connection)?.close();
      const connection = serveRpcPort(port, opened.dispatcher, logger, () => {
        // Only this connection's own entry: a reload may already have put its successor there.
        if (connections.get(message.connection) === connection) connections.delete(message.connection);
      }, opened.events);
      connections.set(message.connection, connection);
      logger.log('info', 'core: renderer connected', { connection: message.connection });
    } else if (message.type === 'rpc.close') {
      connections.get(message.connection)?.close();
      connections.delete(message.connection);
    } else if (message.type === 'shutdown') {
      void shutdown();
    }
  });
  parent.postMessage({ type: 'core.ready' });
  logger.log('info', 'core: ready', {});
  return { core, shutdown };
}
