/**
 * `station batches list` and `station batches export <id> --out FILE` (DESIGN §10). The export
 * is exactly the upload body of `PUT /v1/batches/{id}` (DESIGN §6). `station batches requeue <id>`
 * puts the records of a batch the platform refused as a whole back in the signing queue.
 */
import { writeFileSync } from 'node:fs';
import { vietnamTime } from '../../../shared/domain/dates.js';
import { isStationError } from '../../../shared/errors.js';
import { batchStore } from '../../core/batches/batchStore.js';
import { silentLogger } from '../../core/logger.js';
import { requeueBatch } from '../../core/signing/requeueRefused.js';
import { batchSummary } from '../../core/signing/signingService.js';
import { openStationStore } from '../../core/store/openStationStore.js';
import { systemStorePorts } from '../../core/store/ports.js';
import { parseOptions } from '../args.js';
import { UsageError, usageOf, errorResult, type Command } from '../context.js';
import { cliActor } from './records.js';

const USAGE = 'usage: station batches list [--limit N] | station batches export <id> --out FILE | station batches requeue <id>';

/** One line of `batches list`; the signing time in Viet Nam time (the JSON keeps the ISO instant). */
export function batchListLine(b: { id: string; state: string; count: number; alg: string; createdAt: string }): string {
  return `${b.id}  ${b.state.padEnd(9)}  ${String(b.count).padStart(6)}  ${b.alg}  ${vietnamTime(b.createdAt)}`;
}

export const batchesCommand: Command = async (args, ctx) => {
  const [sub, ...rest] = args;
  if (sub !== 'list' && sub !== 'export' && sub !== 'requeue') throw usageOf(USAGE);
  const opts = parseOptions(rest, { values: ['limit', 'offset', 'out'] });
  const ports = systemStorePorts(cliActor());
  let opened: ReturnType<typeof openStationStore> | null = null;
  try {
    opened = openStationStore(ctx.dataDir, ports, { create: false });
    const batches = batchStore(opened.store, ports);
    if (sub === 'list') {
      const limit = Number(opts.values.get('limit') ?? '100');
      const offset = Number(opts.values.get('offset') ?? '0');
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000 || !Number.isInteger(offset) || offset < 0) throw new UsageError('--limit 1–1000, --offset ≥ 0', '--limit từ 1 đến 1000, --offset ≥ 0');
      const page = batches.list({ limit, offset });
      const items = page.items.map(batchSummary);
      const text = items.map(batchListLine).join('\n') || 'no batches';
      return { exitCode: 0, json: { ok: true, items, total: page.total }, text };
    }
    const [id] = opts.positionals;
    if (sub === 'requeue') {
      if (!id || opts.positionals.length > 1) throw usageOf(USAGE);
      const r = requeueBatch({ store: opened.store, batches, ports, logger: silentLogger }, id);
      const lines = [
        `batch ${r.batchId} (${r.refusal.code}): ${r.requeued} records back in the queue, ${r.ready} ready to sign`,
        ...r.skipped.map((s) => `  not put back ${s.id}: ${s.code}: ${s.message_vi} / ${s.message_en}`),
      ];
      if (r.skippedCount > r.skipped.length) lines.push(`  … and ${r.skippedCount - r.skipped.length} more not put back`);
      if (r.facilityChanged) lines.push(`  ${r.facilityChanged.records} put back under the current facility code ${r.facilityChanged.to} (signed as ${r.facilityChanged.from.join(', ')})`);
      return { exitCode: 0, json: { ok: true, ...r }, text: lines.join('\n') };
    }
    const out = opts.values.get('out');
    if (!id || !out) throw usageOf(USAGE);
    const body = batches.uploadBody(id);
    writeFileSync(out, body);
    return { exitCode: 0, json: { ok: true, batch: id, out, bytes: body.length }, text: `wrote ${body.length} bytes to ${out}` };
  } catch (err) {
    if (!isStationError(err)) throw err;
    return errorResult(err.code === 'BATCH_NOT_FOUND' || err.code === 'BATCH_NOT_REFUSED' ? 1 : 2, [err.toInfo()]);
  } finally {
    opened?.close();
  }
};
