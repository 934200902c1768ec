/**
 * `station token list [--module PATH] [--tax-code MST] [--facility-name NAME]` (DESIGN §10):
 * which PKCS#11 modules were tried and why the others failed, the tokens present, and each
 * certificate (subject, issuer, validity, key type, usable for this facility or why not).
 * Reads no PIN: listing needs none. The facility comes from the station's settings when the
 * data folder has a database; the flags override it.
 */
import { existsSync } from 'node:fs';
import { vietnamTime } from '../../../shared/domain/dates.js';
import { isStationError, type ErrorInfo } from '../../../shared/errors.js';
import type { Facility, ModuleCandidate, SignerResult, TokenSummary } from '../../../shared/signer/index.js';
import { forkSignerHost, type HostSpawner } from '../../core/signer-client/hostProcess.js';
import { SignerClient } from '../../core/signer-client/signerClient.js';
import { stationDatabasePath } from '../../core/db/openStationDatabase.js';
import { openStationStore } from '../../core/store/openStationStore.js';
import { systemStorePorts } from '../../core/store/ports.js';
import { parseOptions } from '../args.js';
import { UsageError, usageOf, type CliContext, type Command, type CommandResult } from '../context.js';

const USAGE = 'usage: station token list [--module PATH] [--tax-code MST] [--facility-name NAME]';

interface StationSettings {
  facility: Facility;
  modulePath: string | null;
}

function readSettings(dataDir: string): StationSettings {
  if (!existsSync(stationDatabasePath(dataDir))) return { facility: {}, modulePath: null };
  const opened = openStationStore(dataDir, systemStorePorts('cli:token'), { create: false });
  try {
    const s = opened.store;
    return { facility: { taxCode: s.getSetting('facility.taxCode'), name: s.getSetting('facility.name') }, modulePath: s.getSetting('pkcs11.module') };
  } finally {
    opened.close();
  }
}

const both = (n: { message_vi: string | null; message_en: string | null }) => `${n.message_vi} / ${n.message_en}`;

function moduleLines(candidates: ModuleCandidate[]): string[] {
  return candidates.map((c) => {
    const what = c.status === 'loaded' ? `loaded${c.library ? ` (${c.library.manufacturer} ${c.library.description} ${c.library.version})` : ''}` : c.status;
    const why = c.code ? `: ${both(c)}${c.detail ? ` [${c.detail}]` : ''}` : '';
    return `  ${c.path}${c.vendor ? ` (${c.vendor})` : ''} — ${what}${why}`;
  });
}

/** keyUsage, then the extended key usage when the certificate has one: "digitalSignature, nonRepudiation; EKU clientAuth". */
export function usageText(c: { keyUsage: string[] | null; extKeyUsage: string[] | null }): string {
  const ku = c.keyUsage === null ? '(no keyUsage)' : c.keyUsage.join(', ');
  return c.extKeyUsage === null ? ku : `${ku}; EKU ${c.extKeyUsage.join(', ')}`;
}

const ALG_NAMES: Record<number, string> = { [-7]: 'ES256', [-37]: 'PS256', [-257]: 'RS256' };

export function tokenLines(t: TokenSummary): string[] {
  const lines = [`Token "${t.label}" serial ${t.serial} (${t.manufacturer} ${t.model})${t.loggedIn ? ', logged in' : ''}`];
  for (const w of t.warnings) lines.push(`  ! ${w.code}: ${both(w)}`);
  for (const c of t.certificates) {
    lines.push(`  Certificate ${c.subject}`);
    // Whole: `station sign --cert` takes it, or its first 8+ digits.
    lines.push(`    sha256:   ${c.fingerprint}`);
    // Two certificates on one token often share the subject: the label, serial and usage tell them apart.
    if (c.label) lines.push(`    label:    ${c.label}`);
    lines.push(`    serial:   ${c.serialNumber}`);
    lines.push(`    usage:    ${usageText(c)}`);
    lines.push(`    issuer:   ${c.issuer}`);
    lines.push(`    valid:    ${vietnamTime(c.notBefore)} → ${vietnamTime(c.notAfter)}`);
    const key = c.keyType === 'OTHER' && c.curve !== null ? c.curve : `${c.keyType} ${c.curve ?? `${c.keyBits} bits`}`;
    lines.push(`    key:      ${key}${c.alg !== null ? ` (${ALG_NAMES[c.alg]})` : ''}`);
    lines.push(c.usable ? '    usable:   yes' : '    usable:   no');
    for (const p of c.problems) lines.push(`      ${p.code}: ${both(p)}`);
    for (const w of c.warnings) lines.push(`    ! ${w.code}: ${both(w)}`);
  }
  return lines;
}

function toText(result: SignerResult<'tokens.list'>): string {
  const lines = ['PKCS#11 modules:', ...moduleLines(result.module.candidates)];
  if (result.tokens.length === 0) lines.push('No token present.');
  for (const t of result.tokens) lines.push(...tokenLines(t));
  return lines.join('\n');
}

/** `spawn` starts the signer host (the built one by default; tests pass one running the sources). */
export function createTokenCommand(spawn: HostSpawner = forkSignerHost()): Command {
  return async (args: string[], ctx: CliContext): Promise<CommandResult> => {
    const [sub, ...rest] = args;
    if (sub !== 'list') throw usageOf(USAGE);
    const opts = parseOptions(rest, { values: ['module', 'tax-code', 'facility-name'] });
    if (opts.positionals.length > 0) throw new UsageError(`token list takes no argument: ${opts.positionals[0]}`, `token list không nhận đối số: ${opts.positionals[0]}`);
    let settings: StationSettings;
    try {
      settings = readSettings(ctx.dataDir);
    } catch (err) {
      if (!isStationError(err)) throw err;
      settings = { facility: {}, modulePath: null };
    }
    const facility: Facility = {
      taxCode: opts.values.get('tax-code') ?? settings.facility.taxCode ?? null,
      name: opts.values.get('facility-name') ?? settings.facility.name ?? null,
    };
    const modulePath = opts.values.get('module') ?? settings.modulePath ?? undefined;
    const client = new SignerClient({ spawn, timeouts: { default: 60_000 } });
    try {
      const result = await client.listTokens({ facility, ...(modulePath ? { modulePath } : {}) });
      return {
        exitCode: 0,
        json: { ok: true, loaded: result.module.loaded, modules: result.module.candidates, facility, tokens: result.tokens },
        text: toText(result),
      };
    } catch (err) {
      if (!isStationError(err)) throw err;
      const candidates = (err.details as { candidates?: ModuleCandidate[] } | undefined)?.candidates ?? [];
      const errors: ErrorInfo[] = [err.toInfo()];
      // No module or token problem: the request was fine, the station refuses (exit 1). A host
      // that could not even start is an environment failure (exit 2).
      const exitCode = err.code.startsWith('SIGNER_') ? 2 : 1;
      return {
        exitCode,
        json: { ok: false, loaded: null, modules: candidates, facility, tokens: [], errors },
        text: [...(candidates.length ? ['PKCS#11 modules:', ...moduleLines(candidates)] : []), `${err.code}: ${err.message}`].join('\n'),
      };
    } finally {
      await client.close();
    }
  };
}

export const tokenCommand: Command = createTokenCommand();
