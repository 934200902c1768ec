/**
 * `station settings get KEY` and `station settings set KEY [VALUE] [--key-stdin] [--unset] [--confirm-unsynced]`
 * (DESIGN §10). The platform API key is a secret: it is set only from standard input
 * (`--key-stdin`, never an argument: it would show in the process list and shell history) and
 * never printed back — `get` shows "set" or null.
 */
import { SETTINGS_KEYS } from '../../../shared/rpc/contract.js';
import { StationError, isStationError } from '../../../shared/errors.js';
import { setSettingChecked } from '../../core/settingsRules.js';
import { openStationStore } from '../../core/store/openStationStore.js';
import { systemStorePorts } from '../../core/store/ports.js';
import { parseOptions } from '../args.js';
import { UsageError, usageOf, errorResult, type Command } from '../context.js';
import { cliActor } from './records.js';

const USAGE = `usage: station settings get KEY | station settings set KEY VALUE | station settings set platform.key --key-stdin | station settings set KEY --unset
  facility.code: add --confirm-unsynced to change it although batches signed under the current code are not synced
keys: ${SETTINGS_KEYS.join(', ')}`;
const SECRET = 'platform.key';

function shown(key: string, value: string | null): string | null {
  return key === SECRET && value !== null ? 'set' : value;
}

export const settingsCommand: Command = async (args, ctx) => {
  const [sub, ...rest] = args;
  if (sub !== 'get' && sub !== 'set') throw usageOf(USAGE);
  const opts = parseOptions(rest, { booleans: ['key-stdin', 'unset', 'confirm-unsynced'] });
  const [key, ...values] = opts.positionals;
  if (key === undefined || !(SETTINGS_KEYS as readonly string[]).includes(key)) throw (key === undefined ? usageOf(USAGE) : new UsageError(`unknown setting ${key}\n${USAGE}`, `không có thiết lập ${key}\n${usageOf(USAGE).message_vi}`));
  let value: string | null = null;
  const confirmUnsynced = opts.booleans.has('confirm-unsynced');
  if (sub === 'set') {
    if (confirmUnsynced && key !== 'facility.code') throw new UsageError('--confirm-unsynced is only for facility.code', '--confirm-unsynced chỉ dùng cho facility.code');
    const unset = opts.booleans.has('unset');
    const fromStdin = opts.booleans.has('key-stdin');
    if (key === SECRET) {
      if (values.length > 0) throw new UsageError('platform.key is read from standard input only: station settings set platform.key --key-stdin', 'platform.key chỉ được đọc từ đầu vào chuẩn: station settings set platform.key --key-stdin');
      if (!fromStdin && !unset) throw new UsageError('platform.key needs --key-stdin (or --unset)', 'platform.key cần --key-stdin (hoặc --unset)');
    } else if (fromStdin) {
      throw new UsageError('--key-stdin is only for platform.key', '--key-stdin chỉ dùng cho platform.key');
    }
    if (unset) {
      if (values.length > 0 || fromStdin) throw new UsageError('--unset takes no value', '--unset không nhận giá trị');
    } else if (fromStdin) {
      value = await ctx.readSecret({ vi: 'Khóa API của cơ sở', en: 'Facility API key' });
      if (value === '' || /[\s]/.test(value) || value.length > 2048) throw new UsageError('the API key on standard input must be one line without spaces (at most 2048 characters)', 'khóa API trên đầu vào chuẩn phải là một dòng không có dấu cách (tối đa 2048 ký tự)');
    } else {
      if (values.length !== 1) throw new UsageError(`settings set ${key} needs exactly one VALUE`, `settings set ${key} cần đúng một GIÁ TRỊ`);
      value = values[0]!;
      if (value.length > 2048) throw new UsageError('a setting value is at most 2048 characters', 'giá trị thiết lập dài tối đa 2048 ký tự');
    }
  } else if (values.length > 0 || opts.booleans.size > 0) {
    throw new UsageError('settings get takes only KEY', 'settings get chỉ nhận KEY');
  }

  let opened: ReturnType<typeof openStationStore> | null = null;
  try {
    opened = openStationStore(ctx.dataDir, systemStorePorts(cliActor()), { create: sub === 'set' });
    if (sub === 'set') setSettingChecked(opened.store, key, value, { confirmUnsynced });
    const stored = opened.store.getSetting(key);
    return { exitCode: 0, json: { ok: true, key, value: shown(key, stored) }, text: `${key} = ${shown(key, stored) ?? '(not set)'}` };
  } catch (err) {
    if (!isStationError(err)) throw err;
    if (err.code === 'FACILITY_CODE_BATCHES_WAITING') {
      const hint = new StationError(err.code, `${err.messageVi} (--confirm-unsynced)`, `${err.messageEn} (--confirm-unsynced)`, err.details);
      return errorResult(1, [hint.toInfo()]);
    }
    // A refused value (an insecure platform URL) is exit 1; no database folder is exit 2.
    return errorResult(err.code === 'DB_NOT_FOUND' || err.code.startsWith('DB_') ? 2 : 1, [err.toInfo()]);
  } finally {
    opened?.close();
  }
};
