/**
 * `station backup [--out FILE]`, `station backup list` and `station restore FILE [--replace]`
 * (db/backups.ts). A backup is taken while the station runs; a restore needs every station
 * program closed, checks the copy before anything changes, and keeps the database it replaces.
 */
import { join } from 'node:path';
import { vietnamTime } from '../../../shared/domain/dates.js';
import { isStationError } from '../../../shared/errors.js';
import { BACKUP_FOLDER, backupFileName, backupStation, listBackups, markStationFolder } from '../../core/db/backups.js';
import { restoreStation } from '../../core/db/restore.js';
import { onDiskForm } from '../../core/onDiskForm.js';
import { openStationStore } from '../../core/store/openStationStore.js';
import { systemStorePorts } from '../../core/store/ports.js';
import { parseOptions } from '../args.js';
import { UsageError, usageOf, errorResult, type Command } from '../context.js';
import { cliActor } from './records.js';

const BACKUP_USAGE = 'usage: station backup [--out FILE] | station backup list';
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
