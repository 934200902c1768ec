/**
 * `station sync [--now]` (DESIGN §6, §10): uploads the signed batches oldest first, then pulls
 * the issued certificates. JSON: uploaded batches, accepted, rejected, duplicates, certificates,
 * clock skew, pending batches, last error. Exit 0 when the sync ran to the end; 1 when it was
 * refused (no URL or key, the key refused, a batch refused by the platform, a reply that breaks
 * the API); 2 when the platform could not be reached (nothing lost: the next run resumes) or on
 * usage / database errors. Without `--now` a batch waiting for its backoff is left until its
 * time (a scheduled task honours the schedule); a Retry-After is honoured always.
 *
 * `station sync --dismiss <id>` runs no sync: it dismisses the certificate set aside with that id
 * (the list's first column) when its record is not held here (dismissSetAside.ts). Exit 0 with the
 * entry and the status; 1 when it is refused (SET_ASIDE_NOT_FOUND, _ALREADY_DISMISSED,
 * _RECORD_HELD); 2 on a malformed id.
 *
 * `station sync --undo-dismiss <id>` undoes a dismissal (undoDismissSetAside.ts, session 27): the
 * entry is listed and asked for again from the next sync on. The status lists the dismissed
 * entries with their ids. Exit 0 with the entry and the status; 1 refused (SET_ASIDE_NOT_FOUND,
 * _NOT_DISMISSED); 2 on a malformed id, or beside --dismiss or --now.
 */
import { vietnamTime } from '../../../shared/domain/dates.js';
import { isStationError } from '../../../shared/errors.js';
import { streamLogger } from '../../core/logger.js';
import { openStationStore } from '../../core/store/openStationStore.js';
import { systemStorePorts } from '../../core/store/ports.js';
import { setAsideDismisser } from '../../core/sync/dismissSetAside.js';
import { setAsideUndoer } from '../../core/sync/undoDismissSetAside.js';
import { SyncFailure } from '../../core/sync/syncFailure.js';
import { syncService, type SyncRunResult } from '../../core/sync/syncService.js';
import { parseOptions } from '../args.js';
import { UsageError, errorResult, type Command, type CommandResult, type ExitCode } from '../context.js';
import { cliActor } from './records.js';

function exitCodeOf(r: SyncRunResult): ExitCode {
  if (r.failedBatches > 0) return 1;
  const e = r.status.lastError;
  if (e === null) return 0;
  return e.code === 'PLATFORM_REPLY_INVALID' || e.code === 'PLATFORM_REPLY_TOO_LARGE' ? 1 : 2;
}

/** The text output; times in Viet Nam time like the sync messages (the JSON keeps ISO instants). */
export function syncText(r: SyncRunResult): string {
  const s = r.status;
  return [
    `uploaded ${r.uploadedBatches} batch(es): ${r.accepted} accepted, ${r.rejected} rejected, ${r.duplicates} duplicate(s); ${r.failedBatches} batch(es) refused`,
    `certificates: ${r.certificates} received (${r.revoked} revoked, ${r.recovered} of them set aside before; ${r.setAside} set aside now, ${r.ignored} revocation(s) ignored)`,
    ...statusLines(s),
  ].join('\n');
}

/** The status part of the text output: pending, clock, last error and the certificates set aside, each with its id. */
function statusLines(s: SyncRunResult['status']): string[] {
  const lines = [
    `pending batches: ${s.pendingBatches}${s.nextTryAt ? ` (next try ${vietnamTime(s.nextTryAt)})` : ''}`,
  ];
  if (s.clockSkewSeconds !== null) lines.push(`clock skew: ${s.clockSkewSeconds} s`);
  if (s.clockWarning) lines.push(`${s.clockWarning.code}: ${s.clockWarning.message_vi} / ${s.clockWarning.message_en}`);
  if (s.lastError) lines.push(`${s.lastError.code}: ${s.lastError.message_vi} / ${s.lastError.message_en}`);
  const aside = s.certificatesSetAside;
  if (aside.total > 0) {
    lines.push(`chứng nhận để riêng / certificates set aside: ${aside.total} (không lưu, không in được; thử lại mỗi lần đồng bộ / not stored, not printable; tried again at every sync)`);
    for (const a of aside.items) lines.push(`  ${a.id} ${a.recordId || '?'} ${a.uvci || '?'} ${a.code} (${a.tries}×): ${a.message_vi} / ${a.message_en}`);
    if (aside.total > aside.items.length) lines.push(`  … ${aside.total - aside.items.length}`);
    lines.push('  (bỏ qua một chứng nhận không thuộc bản ghi nào ở đây / dismiss one for no record held here: station sync --dismiss <id>)');
  }
  const dismissed = s.certificatesDismissed;
  if (dismissed.total > 0) {
    lines.push(`chứng nhận đã bỏ qua / certificates dismissed: ${dismissed.total} (không hỏi lại / not asked for again)`);
    for (const d of dismissed.items) lines.push(`  ${d.id} ${d.recordId || '?'} ${d.uvci || '?'} ${d.code} (${vietnamTime(d.dismissedAt)}, ${d.dismissedBy})`);
    if (dismissed.total > dismissed.items.length) lines.push(`  … ${dismissed.total - dismissed.items.length}`);
    lines.push('  (hoàn tác / undo: station sync --undo-dismiss <id>)');
  }
  return lines;
}

export const syncCommand: Command = async (args, ctx) => {
  const opts = parseOptions(args, { booleans: ['now'], values: ['dismiss', 'undo-dismiss'] });
  if (opts.positionals.length > 0) throw new UsageError(`sync takes no argument: ${opts.positionals[0]}`, `sync không nhận đối số: ${opts.positionals[0]}`);
  const ports = systemStorePorts(cliActor());
  const dismiss = opts.values.get('dismiss');
  const undo = opts.values.get('undo-dismiss');
  if (dismiss !== undefined && undo !== undefined) {
    throw new UsageError('--dismiss and --undo-dismiss cannot be given together', '--dismiss và --undo-dismiss không dùng cùng nhau');
  }
  if (dismiss !== undefined) return dismissCommand(dismiss, opts.booleans.has('now'), ctx.dataDir, ports);
  if (undo !== undefined) return undoDismissCommand(undo, opts.booleans.has('now'), ctx.dataDir, ports);
  let opened: ReturnType<typeof openStationStore> | null = null;
  let service: ReturnType<typeof syncService> | null = null;
  try {
    opened = openStationStore(ctx.dataDir, ports, { create: false });
    // One quick retry in place, then report: a scheduled task runs again later, a person can too.
    service = syncService(opened.store, ports, streamLogger((line) => process.stderr.write(line), 'warn'), { maxInRunRetries: 1 });
    const r = await service.run({ force: opts.booleans.has('now') });
    const { status, ...counts } = r;
    return {
      exitCode: exitCodeOf(r),
      json: { ok: exitCodeOf(r) === 0, ...counts, clockSkewSeconds: status.clockSkewSeconds, clockWarning: status.clockWarning, status },
      text: syncText(r),
    };
  } catch (err) {
    if (err instanceof SyncFailure) return errorResult(err.kind === 'transient' ? 2 : 1, [err.toInfo()]);
    if (!isStationError(err)) throw err;
    return errorResult(2, [err.toInfo()]);
  } finally {
    service?.close();
    opened?.close();
  }
};

type Ports = ReturnType<typeof systemStorePorts>;
type SetAsideEntry = { id: string; recordId: string; uvci: string; code: string };

/**
 * `--dismiss` and `--undo-dismiss`: no sync; one change to a set-aside entry (`act`), then the
 * status. A SET_ASIDE_ refusal exits 1, a store error 2.
 */
async function setAsideCommand(dataDir: string, ports: Ports, act: (store: ReturnType<typeof openStationStore>['store']) => { entry: SetAsideEntry; key: 'dismissed' | 'restored'; said: string }): Promise<CommandResult> {
  let opened: ReturnType<typeof openStationStore> | null = null;
  let service: ReturnType<typeof syncService> | null = null;
  try {
    opened = openStationStore(dataDir, ports, { create: false });
    const { entry, key, said } = act(opened.store);
    service = syncService(opened.store, ports, streamLogger((line) => process.stderr.write(line), 'warn'));
    const status = service.status();
    const text = [`${said}: ${entry.id} ${entry.recordId || '?'} ${entry.uvci || '?'} ${entry.code}`, ...statusLines(status)].join('\n');
    return { exitCode: 0, json: { ok: true, [key]: entry, status }, text };
  } catch (err) {
    if (!isStationError(err)) throw err;
    return errorResult(err.code.startsWith('SET_ASIDE_') ? 1 : 2, [err.toInfo()]);
  } finally {
    service?.close();
    opened?.close();
  }
}

async function dismissCommand(id: string, now: boolean, dataDir: string, ports: Ports): Promise<CommandResult> {
  if (now) throw new UsageError('--dismiss runs no sync: it cannot be given with --now', '--dismiss không đồng bộ: không dùng cùng --now');
  if (!/^[0-9a-f]{16}$/.test(id)) {
    throw new UsageError(`--dismiss takes the 16-digit id listed by station sync, not: ${id}`, `--dismiss cần mã 16 ký tự mà station sync liệt kê, không phải: ${id}`);
  }
  return setAsideCommand(dataDir, ports, (store) => ({ entry: setAsideDismisser(store, ports)(id), key: 'dismissed', said: 'đã bỏ qua / dismissed' }));
}

async function undoDismissCommand(id: string, now: boolean, dataDir: string, ports: Ports): Promise<CommandResult> {
  if (now) throw new UsageError('--undo-dismiss runs no sync: it cannot be given with --now', '--undo-dismiss không đồng bộ: không dùng cùng --now');
  if (!/^[0-9a-f]{16}$/.test(id)) {
    throw new UsageError(`--undo-dismiss takes the 16-digit id listed by station sync under "dismissed", not: ${id}`, `--undo-dismiss cần mã 16 ký tự mà station sync liệt kê ở mục "đã bỏ qua", không phải: ${id}`);
  }
  return setAsideCommand(dataDir, ports, (store) => ({
    entry: setAsideUndoer(store, ports)(id),
    key: 'restored',
    said: 'đã hoàn tác bỏ qua, sẽ hỏi lại ở lần đồng bộ sau / dismissal undone, asked for again at the next sync',
  }));
}
