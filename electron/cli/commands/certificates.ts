/**
 * `station certificates list [--search Q] [--expired | --not-expired] [--limit N] [--offset N]` and
 * `station certificates export <recordId> [--png FILE] [--pdf FILE]` (DESIGN §10): the
 * certificates pulled back from the platform. The PNG is the QR code (qrToPng); the PDF is one
 * A4 page with the 11 fields and the QR (certificatePdf.ts: DejaVu Sans embedded as a subset, Vietnamese with its marks).
 * Without --png/--pdf the export prints the HC1 text. Exit 1 when the record has no certificate,
 * and when the platform revoked it (CERTIFICATE_REVOKED: a correction replaced it; probe 17, F1)
 * unless `--even-if-revoked` is given: then the PDF carries an "ĐÃ THU HỒI / REVOKED" mark with
 * when and what replaced it. A certificate whose record was corrected here, not yet synced, is
 * exported with the notice that it will be replaced (CERTIFICATE_CORRECTION_PENDING).
 */
import { writeFileSync } from 'node:fs';
import { CERTIFICATE_REVOKED } from '../../../shared/dcc/revocation.js';
import { vietnamDay } from '../../../shared/domain/dates.js';
import { isStationError, StationError } from '../../../shared/errors.js';
import { qrToPng } from '../../../shared/qr/encode.js';
import { silentLogger } from '../../core/logger.js';
import { openStationStore } from '../../core/store/openStationStore.js';
import { systemStorePorts } from '../../core/store/ports.js';
import { certificatePdf } from '../../core/sync/certificatePdf.js';
import { certificateViews } from '../../core/sync/certificateViews.js';
import { syncState } from '../../core/sync/syncState.js';
import { cachedTrust } from '../../core/sync/trustCache.js';
import { parseOptions } from '../args.js';
import { UsageError, usageOf, errorResult, type Command } from '../context.js';
import { cliActor } from './records.js';

const USAGE = 'usage: station certificates list [--search Q] [--expired | --not-expired] [--limit N] [--offset N] | station certificates export <recordId> [--png FILE] [--pdf FILE] [--even-if-revoked]';

function intOption(text: string | undefined, fallback: number, min: number, max: number, name: string): number {
  if (text === undefined) return fallback;
  if (!/^\d{1,9}$/.test(text) || Number(text) < min || Number(text) > max) throw new UsageError(`--${name} must be ${min}–${max}`, `--${name} phải từ ${min} đến ${max}`);
  return Number(text);
}

function writeOut(path: string, bytes: Uint8Array): void {
  try {
    writeFileSync(path, bytes);
  } catch (err) {
    throw new StationError('FILE_NOT_WRITABLE', `Không ghi được tệp: ${path}`, `Cannot write file: ${path}`, { path, reason: String(err) });
  }
}

/** One line of `certificates list`: the issue day is the clinic's (Viet Nam) day, not the UTC one. */
export function certificateListLine(c: { recordId: string; uvci: string; issuedAt: string; revokedAt: string | null; fullName: string; awaitingReplacement?: boolean; expired?: boolean }): string {
  const issued = Number.isNaN(Date.parse(c.issuedAt)) ? c.issuedAt : vietnamDay(new Date(c.issuedAt));
  const standing = c.revokedAt ? '  REVOKED' : c.awaitingReplacement ? '  TO BE REPLACED (correction not synced)' : c.expired ? '  EXPIRED' : '';
  return `${c.recordId}  ${c.uvci}  ${issued}${standing}  ${c.fullName}`;
}

export const certificatesCommand: Command = async (args, ctx) => {
  const [sub, ...rest] = args;
  if (sub !== 'list' && sub !== 'export') throw usageOf(USAGE);
  const opts = parseOptions(rest, sub === 'list' ? { values: ['search', 'limit', 'offset'], booleans: ['expired', 'not-expired'] } : { values: ['png', 'pdf'], booleans: ['even-if-revoked'] });
  const ports = systemStorePorts(cliActor());
  let opened: ReturnType<typeof openStationStore> | null = null;
  try {
    if (sub === 'list') {
      if (opts.positionals.length > 0) throw usageOf(USAGE);
      const limit = intOption(opts.values.get('limit'), 50, 1, 1000, 'limit');
      const offset = intOption(opts.values.get('offset'), 0, 0, 1e9, 'offset');
      const search = opts.values.get('search');
      // By the station's clock, as the EXPIRED mark of each line.
      if (opts.booleans.has('expired') && opts.booleans.has('not-expired')) throw usageOf(USAGE);
      const expired = opts.booleans.has('expired') ? true : opts.booleans.has('not-expired') ? false : undefined;
      opened = openStationStore(ctx.dataDir, ports, { create: false });
      const page = certificateViews(opened.store).list({ limit, offset, ...(search !== undefined ? { search } : {}), ...(expired !== undefined ? { expired } : {}) }, ports.now());
      const lines = page.items.map(certificateListLine);
      lines.push(`${page.items.length} of ${page.total}${page.totalCapped === true ? '+' : ''} certificate(s)`);
      return { exitCode: 0, json: { ok: true, ...page }, text: lines.join('\n') };
    }
    const [recordId, ...extra] = opts.positionals;
    if (recordId === undefined || extra.length > 0) throw usageOf(USAGE);
    opened = openStationStore(ctx.dataDir, ports, { create: false });
    const trust = await cachedTrust(syncState(opened.store.db, ports.now), silentLogger);
    const view = await certificateViews(opened.store).get(recordId, trust, ports.now());
    const revoked = view.verification.errors.find((e) => e.code === CERTIFICATE_REVOKED) ?? null;
    // A revoked certificate is handed out only when asked for by name: printed by habit, it
    // would give the person the details the correction took away.
    if (revoked !== null && !opts.booleans.has('even-if-revoked')) {
      return errorResult(1, [revoked], { recordId, uvci: view.uvci, revokedAt: view.revokedAt, replacedBy: view.revocation?.replacedBy ?? null });
    }
    const png = opts.values.get('png');
    const pdf = opts.values.get('pdf');
    if (png !== undefined) writeOut(png, qrToPng(view.hc1, { scale: 6 }));
    if (pdf !== undefined) {
      const mark = revoked === null ? {} : { revoked: { lines: [revoked.message_vi, revoked.message_en] } };
      writeOut(pdf, certificatePdf({ fields: view.fields, hc1: view.hc1, title: view.uvci, createdAt: ports.now(), ...mark }));
    }
    const notices = [revoked, view.correctionPending?.notice ?? null].filter((n) => n !== null);
    const json = {
      ok: true, recordId, uvci: view.uvci, issuedAt: view.issuedAt, expiresAt: view.expiresAt, revokedAt: view.revokedAt,
      hc1: view.hc1, fields: view.fields, valid: view.verification.valid, png: png ?? null, pdf: pdf ?? null,
      revocation: view.revocation, correctionPending: view.correctionPending, notices,
    };
    // The bare HC1 stays alone on stdout (it is piped into files and QR tools); --json has the notices.
    const text = png === undefined && pdf === undefined
      ? view.hc1
      : [...notices.map((n) => `${n.code}: ${n.message}`), png && `wrote ${png}`, pdf && `wrote ${pdf}`].filter(Boolean).join('\n');
    return { exitCode: 0, json, text };
  } catch (err) {
    if (!isStationError(err)) throw err;
    return errorResult(err.code === 'CERTIFICATE_NOT_FOUND' ? 1 : 2, [err.toInfo()]);
  } finally {
    opened?.close();
  }
};
