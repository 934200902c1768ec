import { userInfo } from 'node:os';
import { RECORD_STATES, type RecordState } from '../../../shared/domain/types.js';
import { isStationError } from '../../../shared/errors.js';
import { openStationStore } from '../../core/store/openStationStore.js';
import { systemStorePorts } from '../../core/store/ports.js';
import type { RecordPage } from '../../core/store/storeTypes.js';
import { parseOptions } from '../args.js';
import { UsageError, usageOf, errorResult, type CliContext, type Command, type CommandResult } from '../context.js';

/** The OS user, for the audit trail of anything a CLI command writes. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

function toText(page: RecordPage): string {
  const lines = page.items.map(({ record: r, person: p }) =>
    [r.id, r.state.padEnd(10), r.vaccinationDate, `${r.vaccine} #${r.doseNumber}`.padEnd(14), `${p.idType} ${p.idNumber}`.padEnd(22), p.fullName].join('  '));
  lines.push(`${page.items.length} of ${page.total}${page.totalCapped ? '+' : ''} record(s)${page.nextCursor ? ` (more: --cursor ${page.nextCursor})` : ''}`);
  return lines.join('\n');
}

/**
 * `station records list [--state S] [--search Q] [--limit N] [--cursor C]` (DESIGN §10): newest
 * first. Exit 0 with the page, 2 on bad arguments or when the data folder has no database.
 */
export const recordsCommand: Command = async (args: string[], ctx: CliContext): Promise<CommandResult> => {
  const [sub, ...rest] = args;
  if (sub !== 'list') throw usageOf('usage: station records list [--state S] [--search Q] [--limit N] [--cursor C]');
  const opts = parseOptions(rest, { values: ['state', 'search', 'limit', 'cursor'] });
  if (opts.positionals.length > 0) throw new UsageError(`records list takes no argument: ${opts.positionals[0]}`, `records list không nhận đối số: ${opts.positionals[0]}`);
  const state = opts.values.get('state');
  if (state !== undefined && !RECORD_STATES.includes(state as RecordState)) {
    throw new UsageError(`--state must be one of ${RECORD_STATES.join(', ')}`, `--state phải là một trong ${RECORD_STATES.join(', ')}`);
  }
  const limitText = opts.values.get('limit') ?? '50';
  if (!/^\d{1,4}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 1000) throw new UsageError('--limit must be 1–1000', '--limit phải từ 1 đến 1000');
  const search = opts.values.get('search');
  const cursor = opts.values.get('cursor');
  let opened: ReturnType<typeof openStationStore> | null = null;
  try {
    opened = openStationStore(ctx.dataDir, systemStorePorts(cliActor()), { create: false });
    const page = opened.store.listRecords({
      limit: Number(limitText),
      ...(state !== undefined ? { state: state as RecordState } : {}),
      ...(search !== undefined ? { search } : {}),
      ...(cursor !== undefined ? { cursor } : {}),
    });
    return { exitCode: 0, json: { ok: true, ...page }, text: toText(page) };
  } catch (err) {
    if (!isStationError(err)) throw err;
    return errorResult(2, [err.toInfo()]);
  } finally {
    opened?.close();
  }
};
