/**
 * `station sign [--module PATH] [--token SERIAL] [--cert FINGERPRINT] --pin-stdin [--limit N]
 * [--confirm-final-try]` (DESIGN §10): signs the ready records as one batch. The PIN is read from
 * standard input only (never an argument: it would show in the process list and shell history).
 */
import { isStationError } from '../../../shared/errors.js';
import { openStation } from '../../core/station.js';
import { systemStorePorts } from '../../core/store/ports.js';
import { parseOptions } from '../args.js';
import { UsageError, errorResult, type Command } from '../context.js';
import { cliActor } from './records.js';
import { usageText } from './token.js';

const notice = (n: unknown): n is { code: string; message_vi: string; message_en: string } =>
  typeof n === 'object' && n !== null && typeof (n as { code?: unknown }).code === 'string' && typeof (n as { message_en?: unknown }).message_en === 'string';

/**
 * What a refusal's details tell the signer in text mode (the JSON carries them whole): why each
 * certificate cannot sign, the certificates or tokens to choose from and the option that chooses.
 */
function refusalDetails(details: unknown): string[] {
  if (typeof details !== 'object' || details === null) return [];
  const d = details as { problems?: unknown; choices?: unknown; present?: unknown; serials?: unknown };
  const lines: string[] = [];
  if (Array.isArray(d.problems)) {
    const seen = new Set<string>();
    for (const p of d.problems.filter(notice)) {
      if (seen.has(p.code)) continue;
      seen.add(p.code);
      lines.push(`  ${p.code}: ${p.message_vi} / ${p.message_en}`);
    }
  }
  if (Array.isArray(d.choices)) {
    for (const c of d.choices as { tokenSerial?: unknown; fingerprint?: unknown; subject?: unknown; label?: unknown; serialNumber?: unknown; keyUsage?: unknown; extKeyUsage?: unknown }[]) {
      lines.push(`  --token ${String(c.tokenSerial)} --cert ${String(c.fingerprint)}  ${String(c.subject ?? '')}`.trimEnd());
      // Same subject twice is common (authentication + signing): label, serial and usage tell them apart.
      const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : null);
      const usage = usageText({ keyUsage: strings(c.keyUsage), extKeyUsage: strings(c.extKeyUsage) });
      lines.push(`      label "${String(c.label ?? '')}", serial ${String(c.serialNumber ?? '')}, usage ${usage}`);
    }
  }
  for (const list of [d.present, d.serials]) {
    if (Array.isArray(list)) for (const serial of list) lines.push(`  --token ${String(serial)}`);
  }
  return lines;
}

export const signCommand: Command = async (args, ctx) => {
  const opts = parseOptions(args, { values: ['module', 'token', 'cert', 'limit'], booleans: ['pin-stdin', 'confirm-final-try'] });
  // The argument is not repeated: a signer who typed the PIN there would find it copied into
  // the output a scheduled task logs (security probe, session 18). platform.key is refused the same way.
  if (opts.positionals.length > 0) {
    throw new UsageError(
      'sign takes no argument; the PIN is read from standard input only: station sign --pin-stdin',
      'sign không nhận đối số; mã PIN chỉ được đọc từ đầu vào chuẩn: station sign --pin-stdin',
    );
  }
  const limitText = opts.values.get('limit');
  if (limitText !== undefined && (!/^\d{1,6}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 100_000)) {
    throw new UsageError('--limit must be 1–100000', '--limit phải từ 1 đến 100000');
  }
  let pin: string | undefined;
  if (opts.booleans.has('pin-stdin')) {
    // One line: the PIN without its line ending (typed at a terminal: not echoed). Tokens take ASCII PINs.
    pin = await ctx.readSecret({ vi: 'Mã PIN của token', en: 'Token PIN' });
  }
  const station = openStation({ dataDir: ctx.dataDir, ports: systemStorePorts(cliActor()) });
  try {
    const module = opts.values.get('module');
    const token = opts.values.get('token');
    const cert = opts.values.get('cert');
    const result = await station.signing.sign({
      ...(pin !== undefined ? { pin } : {}),
      ...(module ? { modulePath: module } : {}),
      ...(token ? { tokenSerial: token } : {}),
      ...(cert ? { certFingerprint: cert } : {}),
      ...(limitText ? { limit: Number(limitText) } : {}),
      confirmFinalTry: opts.booleans.has('confirm-final-try'),
    });
    const { certFingerprint: _fp, ...json } = result;
    return {
      exitCode: 0,
      json: { ok: true, ...json },
      text: [
        ...result.batches.map((b) => `signed batch ${b.batch}: ${b.count} record(s), ${result.alg}, root ${b.root}`),
        // A record the platform would refuse is not signed: back to draft, said here with why.
        ...result.heldBack.map((h) => `held back ${h.id} [${h.field}]: ${h.message_vi} / ${h.message_en}`),
      ].join('\n'),
    };
  } catch (err) {
    if (!isStationError(err)) throw err;
    // Refusals (wrong PIN, nothing ready, token or certificate problems) are exit 1: the JSON says why.
    const refusal = errorResult(1, [err.toInfo()]);
    return { ...refusal, text: [refusal.text, ...refusalDetails(err.details)].join('\n') };
  } finally {
    await station.close();
  }
};
