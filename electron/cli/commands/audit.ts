import { isStationError } from '../../../shared/errors.js';
import { openStationStore } from '../../core/store/openStationStore.js';
import { systemStorePorts } from '../../core/store/ports.js';
import { parseOptions } from '../args.js';
import { UsageError, usageOf, errorResult, type CliContext, type Command, type CommandResult } from '../context.js';
import { cliActor } from './records.js';

/**
 * `station audit verify` (DESIGN §4, §10): recomputes the whole hash chain. Exit 0 when it
 * verifies, 1 when it is broken (the JSON names the first entry found wrong), 2 on bad arguments
 * or when the data folder has no database.
 */
export const auditCommand: Command = async (args: string[], ctx: CliContext): Promise<CommandResult> => {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw usageOf('usage: station audit verify');
  const opts = parseOptions(rest, {});
  if (opts.positionals.length > 0) throw new UsageError(`audit verify takes no argument: ${opts.positionals[0]}`, `audit verify không nhận đối số: ${opts.positionals[0]}`);
  let opened: ReturnType<typeof openStationStore> | null = null;
  try {
    opened = openStationStore(ctx.dataDir, systemStorePorts(cliActor()), { create: false });
    const v = opened.store.verifyAudit();
    if (v.ok) {
      return {
        exitCode: 0,
        json: { ok: true, valid: true, entries: v.entries, head: v.head, brokenAt: null, errors: [] },
        text: `audit log verified: ${v.entries} entries${v.head ? `, head ${v.head}` : ''}`,
      };
    }
    const error = {
      code: v.code!,
      message: `${v.reason_vi} / ${v.reason}`,
      message_vi: v.reason_vi!,
      message_en: v.reason!,
      details: { seq: v.brokenAt },
    };
    return {
      exitCode: 1,
      json: { ok: false, valid: false, entries: v.entries, head: null, brokenAt: v.brokenAt, errors: [error] },
      text: `AUDIT LOG BROKEN at entry ${v.brokenAt}: ${error.code}: ${v.reason}`,
    };
  } catch (err) {
    if (!isStationError(err)) throw err;
    return errorResult(2, [err.toInfo()]);
  } finally {
    opened?.close();
  }
};
