/**
 * `station backup [--out FILE]`, `station backup list`, `station backup status`
 * and `station restore FILE [--replace]`
 * (db/backups.ts). A backup is taken while the station runs; a restore needs every station
 * program closed, checks the copy before anything changes, and keeps the database it replaces.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { vietnamDay, vietnamTime } from '../../../shared/domain/dates.js';
import { isStationError } from '../../../shared/errors.js';
import { formatMegabytes } from '../../../shared/megabytes.js';
import { BACKUP_FOLDER, backupFileName, backupStation, listBackups, markStationFolder, type BackupFile } from '../../core/db/backups.js';
import { stationDatabasePath } from '../../core/db/openStationDatabase.js';
import { listReplaced, replacedSummary } from '../../core/db/replacedFiles.js';
import { restoreStation } from '../../core/db/restore.js';
import { onDiskForm } from '../../core/onDiskForm.js';
import { openStationStore } from '../../core/store/openStationStore.js';
import { systemStorePorts } from '../../core/store/ports.js';
import { parseOptions } from '../args.js';
import { UsageError, usageOf, errorResult, type Command, type CommandResult } from '../context.js';
import { cliActor } from './records.js';

const BACKUP_USAGE = 'usage: station backup [--out FILE] | station backup list | station backup status';
const RESTORE_USAGE = 'usage: station restore FILE [--replace]';

/** Refusals of what was asked (exit 1); anything else is I/O (exit 2). */
const REFUSED = new Set(['BACKUP_NOT_FOUND', 'BACKUP_OUT_IS_DATABASE', 'BACKUP_NOT_SQLITE', 'BACKUP_NOT_STATION', 'BACKUP_TOO_NEW', 'BACKUP_DAMAGED', 'BACKUP_AUDIT_BROKEN', 'RESTORE_WOULD_REPLACE', 'RESTORE_OTHER_FACILITY']);

const counts = (s: { records: number; people: number; batches: number; certificates: number; auditEntries: number }) =>
  `${s.records} records, ${s.people} people, ${s.batches} batches, ${s.certificates} certificates, ${s.auditEntries} audit entries`;

export const backupCommand: Command = async (args, ctx) => {
  const opts = parseOptions(args, { values: ['out'] });
  const [sub, ...extra] = opts.positionals;
  if (sub === 'list') {
    if (extra.length > 0 || opts.values.size > 0) throw usageOf(BACKUP_USAGE);
    const items = listBackups(ctx.dataDir);
    const text = items.map((b) => `${b.kind.padEnd(7)}  ${vietnamTime(b.takenAt)}  ${String(b.bytes).padStart(12)} bytes  ${b.path}`).join('\n') || 'no backups';
    return { exitCode: 0, json: { ok: true, folder: join(ctx.dataDir, BACKUP_FOLDER), items }, text };
  }
  if (sub === 'status') {
    if (extra.length > 0 || opts.values.size > 0) throw usageOf(BACKUP_USAGE);
    return backupStatus(ctx.dataDir, systemStorePorts(cliActor()).now());
  }
  if (sub !== undefined) throw new UsageError(`backup takes no argument: ${sub}`, `backup không nhận đối số: ${sub}`);
  const ports = systemStorePorts(cliActor());
  let opened: ReturnType<typeof openStationStore> | null = null;
  try {
    opened = openStationStore(ctx.dataDir, ports, { create: false });
    const now = ports.now();
    const out = opts.values.get('out') ?? join(ctx.dataDir, BACKUP_FOLDER, backupFileName('manual', now));
    const r = await backupStation(opened.store.db, out, now);
    return { exitCode: 0, json: { ok: true, ...r }, text: `backup written to ${r.path} (${r.bytes} bytes): ${counts(r)}` };
  } catch (err) {
    if (!isStationError(err)) throw err;
    return errorResult(REFUSED.has(err.code) ? 1 : 2, [err.toInfo()]);
  } finally {
    opened?.close();
  }
};

export const restoreCommand: Command = async (args, ctx) => {
  const opts = parseOptions(args, { booleans: ['replace'] });
  const [file, ...extra] = opts.positionals;
  if (file === undefined || extra.length > 0) throw usageOf(RESTORE_USAGE);
  const ports = systemStorePorts(cliActor());
  try {
    const now = ports.now();
    // Migrated and recorded in the audit log before it takes the database's name (restore.ts).
    const r = restoreStation(ctx.dataDir, onDiskForm(file), { actor: ports.actor, replace: opts.booleans.has('replace'), now });
    markStationFolder(ctx.dataDir, now);
    const lines = [`restored ${r.from} into ${r.path}: ${counts(r)}`];
    if (r.replacedMovedTo !== null) lines.push(`the database it replaced was moved to ${r.replacedMovedTo}`);
    lines.push('signed batches the copy holds as not yet synced are sent again at the next sync; the platform keeps one of each');
    return { exitCode: 0, json: { ok: true, ...r }, text: lines.join('\n') };
  } catch (err) {
    if (!isStationError(err)) throw err;
    return errorResult(REFUSED.has(err.code) ? 1 : 2, [err.toInfo()]);
  }
};

const KIND: Record<BackupFile['kind'], string> = {
  daily: 'hằng ngày / daily',
  upgrade: 'trước nâng cấp / before an upgrade',
  manual: 'thủ công / manual',
};

/** In the "vi / en" lines, as both read it: "1536.4 MB" (shared/megabytes.ts). */
const mb = (bytes: number) => formatMegabytes(bytes, 'en', { grouping: false });
const dayShown = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/**
 * `station backup status`: the state of the copies at a glance, from the files alone (no database
 * is opened, so it also answers while the app runs or when `station.db` is gone): the newest copy,
 * whether today's daily copy exists (Viet Nam day), how many copies and replaced databases are kept.
 */
function fileBytes(path: string): number | null {
  try {
    const s = statSync(path);
    return s.isFile() ? s.size : null;
  } catch {
    return null;
  }
}

function backupStatus(dataDir: string, now: Date): CommandResult {
  const backups = listBackups(dataDir);
  const last = backups[0] ?? null;
  const today = vietnamDay(now);
  const todaysDaily = backups.find((b) => b.kind === 'daily' && vietnamDay(new Date(b.takenAt)) === today) ?? null;
  const byKind = (kind: BackupFile['kind']) => backups.filter((b) => b.kind === kind).length;
  // The database beside the copies: a mistyped --data-dir, or a database gone, shows here first.
  const dbPath = stationDatabasePath(dataDir);
  const dbBytes = fileBytes(dbPath);
  const replaced = listReplaced(dbPath);
  const json = {
    ok: true,
    database: { path: dbPath, present: dbBytes !== null, bytes: dbBytes },
    folder: join(dataDir, BACKUP_FOLDER),
    last,
    today: { day: today, dailyDone: todaysDaily !== null, daily: todaysDaily?.path ?? null },
    backups: { kept: backups.length, daily: byKind('daily'), upgrade: byKind('upgrade'), manual: byKind('manual') },
    replaced: { ...replacedSummary(dbPath, replaced), items: replaced },
  };
  const lines = [
    dbBytes !== null
      ? `Cơ sở dữ liệu / Database: ${mb(dbBytes)} (${dbBytes} bytes): ${dbPath}`
      : `Cơ sở dữ liệu / Database: không có tệp ${dbPath} (sai thư mục dữ liệu, hoặc cơ sở dữ liệu đã mất: xem các bản sao bên dưới) / no file ${dbPath} (a wrong data folder, or the database is gone: see the copies below)`,
    last === null
      ? 'Bản sao lưu gần nhất / Last backup: chưa có / none'
      : `Bản sao lưu gần nhất / Last backup: ${vietnamTime(last.takenAt)}, ${mb(last.bytes)} (${last.bytes} bytes), ${KIND[last.kind]}: ${last.path}`,
    todaysDaily !== null
      ? `Sao lưu hằng ngày hôm nay (${dayShown(today)}) / Today's daily backup: đã có / done`
      : `Sao lưu hằng ngày hôm nay (${dayShown(today)}) / Today's daily backup: chưa có, ứng dụng trạm tự sao lưu mỗi ngày khi đang chạy / not yet, the station app takes one each day while it runs`,
    `Bản sao lưu đang giữ / Backups kept: ${json.backups.kept} (${(['daily', 'upgrade', 'manual'] as const).map((k) => `${KIND[k]} ${byKind(k)}`).join(', ')}) — ${json.folder}`,
    `Cơ sở dữ liệu bị thay thế khi khôi phục, đang giữ / Databases replaced by a restore, kept: ${json.replaced.kept}${json.replaced.kept > 0 ? ` (${mb(json.replaced.bytes)})` : ''}`,
  ];
  return { exitCode: 0, json, text: lines.join('\n') };
}
