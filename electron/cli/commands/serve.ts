/**
 * `station serve [--port N]` (DESIGN §10): the browser host on the data directory. Prints its URL
 * (with the per-launch secret in the fragment) — with --json one line `{"url": ...}` — then serves
 * until SIGINT or SIGTERM, and closes the database cleanly.
 */
import { isStationError } from '../../../shared/errors.js';
import { streamLogger } from '../../core/logger.js';
import { startBrowserHost } from '../../host/startBrowserHost.js';
import { parseOptions } from '../args.js';
import { UsageError, errorResult, type Command } from '../context.js';

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not ${JSON.stringify(text)}`, `--port phải là số từ 0 đến 65535, không phải ${JSON.stringify(text)}`);
  return port;
}

/**
 * SIGINT, SIGTERM, or, when a parent started this serve with an IPC channel (`npm run demo`), that
 * parent gone: a demo killed with SIGKILL once left its serve holding the data folder and the
 * port, and the next demo started a second one beside it (probe 19). The channel closes whatever
 * way the parent ends; a serve started from a shell has none and runs until a signal.
 */
function untilStopped(): Promise<NodeJS.Signals | 'disconnect'> {
  return new Promise((done) => {
    const stop = (why: NodeJS.Signals | 'disconnect') => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.off('disconnect', parentGone);
      done(why);
    };
    const parentGone = () => stop('disconnect');
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (process.connected) process.once('disconnect', parentGone);
  });
}

export const serveCommand: Command = async (args, ctx) => {
  const opts = parseOptions(args, { values: ['port'] });
  if (opts.positionals.length > 0) throw new UsageError('serve takes no arguments: station serve [--port N]', 'serve không nhận đối số: station serve [--port N]');
  const port = parsePort(opts.values.get('port'));
  let host;
  try {
    host = await startBrowserHost({ dataDir: ctx.dataDir, port, logger: streamLogger((line) => process.stderr.write(line)) });
  } catch (err) {
    if (!isStationError(err)) throw err;
    return errorResult(err.code === 'DB_TOO_NEW' ? 1 : 2, [err.toInfo()]);
  }
  // The URL is printed at once (scripts wait for this line); the command's own result is empty.
  process.stdout.write(ctx.json ? `${JSON.stringify({ url: host.url })}\n` : `Trạm đang chạy / Station running: ${host.url}\n(Ctrl+C để dừng / to stop)\n`);
  await untilStopped();
  await host.close();
  return { exitCode: 0, json: undefined, text: '' };
};
