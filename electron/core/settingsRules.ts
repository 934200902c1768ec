/**
 * What a setting may hold, checked wherever settings are written (RPC, CLI). Two are security
 * boundaries: `pkcs11.module` is loaded as native code by the signer host, and `platform.url`
 * receives the facility's API key — so a renderer (or a script) must not be able to point either
 * somewhere arbitrary.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { StationError } from '../../shared/errors.js';
import type { StationStore } from './store/stationStore.js';
import { PLATFORM_KEY_FORMAT, platformConfig } from './sync/platformClient.js';
import { STATION_ID_FORMAT } from './signing/stationId.js';

function invalid(key: string, vi: string, en: string): StationError {
  return new StationError('SETTING_INVALID', `Giá trị không hợp lệ cho ${key}: ${vi}`, `Invalid value for ${key}: ${en}`, { key });
}

/** A PKCS#11 library on this machine: absolute, local (no UNC share), a library file that exists. */
function checkModulePath(value: string): void {
  if (/^(\\\\|\/\/)/.test(value)) throw invalid('pkcs11.module', 'không dùng thư viện trên ổ mạng (\\\\máy\\thư mục)', 'a library on a network share (\\\\host\\share) is not allowed');
  if (!isAbsolute(value)) throw invalid('pkcs11.module', 'cần đường dẫn đầy đủ tới tệp thư viện', 'an absolute path to the library file is required');
  if (!/\.(dll|so(\.\d+)*|dylib)$/i.test(value)) throw invalid('pkcs11.module', 'tệp phải là thư viện .dll, .so hoặc .dylib', 'the file must be a .dll, .so or .dylib library');
  if (!existsSync(value) || !statSync(value).isFile()) throw invalid('pkcs11.module', 'không tìm thấy tệp', 'the file does not exist');
}

/**
 * Windows Explorer's "Copy as path" gives the path in double quotes, which a Windows path cannot
 * hold: pasted as it was, `"C:\Program Files (x86)\Viettel-CA\viettel-ca_v6.dll"` was refused as
 * "not an absolute path" (probe of session 20). The quotes are not part of the path.
 */
function withoutQuotes(value: string): string {
  return /^\s*"[^"]*"\s*$/.test(value) ? value.trim().slice(1, -1) : value;
}

/**
 * A key or a code pasted from a mail, a PDF or a registration paper brings blanks and invisible
 * characters around it (a line break, a zero-width space, a BOM): not part of it. Inside it they
 * are refused (FORMATS); "0301234567 " was refused as "a 10-digit tax code", which it looks like.
 */
const PASTED_CODES: ReadonlySet<string> = new Set(['platform.key', 'facility.code', 'facility.taxCode', 'station.id']);
function withoutPastedBlanks(value: string): string {
  return value.replace(/^[\s\u200b-\u200d\u2060\ufeff]+|[\s\u200b-\u200d\u2060\ufeff]+$/g, '');
}

const FORMATS: Record<string, { re: RegExp; vi: string; en: string }> = {
  'facility.code': { re: /^[A-Za-z0-9._-]{1,40}$/, vi: 'chữ, số, dấu chấm, gạch ngang; tối đa 40 ký tự', en: 'letters, digits, dot, dash; at most 40 characters' },
  // Vietnamese tax code (MST): 10 digits, or 13 with a branch suffix (0101234567-001).
  'facility.taxCode': { re: /^\d{10}(-?\d{3})?$/, vi: 'mã số thuế 10 chữ số (hoặc 13 với mã chi nhánh)', en: 'a 10-digit tax code (or 13 with a branch suffix)' },
  'ui.language': { re: /^(vi|en)$/, vi: 'vi hoặc en', en: 'vi or en' },
  // Sent as a request header: a space, a line break or an invisible character inside made every
  // sync fail as "platform unreachable" (fuzz of session 27).
  'platform.key': { re: PLATFORM_KEY_FORMAT, vi: 'một dòng chữ, số và ký hiệu, không dấu cách, không dấu tiếng Việt hay ký tự ẩn', en: 'one line of letters, digits and symbols, no spaces, accents or invisible characters' },
  // Goes into every batch manifest the token signs (shared/batch/manifest.ts: 1–64 characters);
  // a longer one made every signing fail with an internal error (fuzz of session 27).
  'station.id': { re: STATION_ID_FORMAT, vi: 'chữ, số, dấu chấm, gạch ngang; tối đa 64 ký tự (để trống: trạm tự tạo mã)', en: 'letters, digits, dot, dash; at most 64 characters (unset: the station makes one)' },
};

/**
 * Batches signed under the facility code `code` that the platform does not hold yet. Their
 * manifests name `code`, and the platform takes a batch only from the key of the facility it
 * names: once the station syncs as another code they can never be accepted (probe 17, F3).
 */
function signedWaiting(store: StationStore, code: string): { batches: number; records: number } {
  const row = store.db
    .prepare("SELECT count(*) AS batches, coalesce(sum(count), 0) AS records FROM batches WHERE state = 'signed' AND facility_code = ?")
    .get(code) as { batches: number; records: number };
  return row;
}

/**
 * A facility code change while batches signed under the current code wait for the platform is
 * refused unless confirmed: they must be synced first with the current code and key. The
 * confirmation is for a code that was wrong from the start (those batches will never be taken:
 * sync fails them, and "put back" signs them again under the new code).
 */
function checkFacilityChange(store: StationStore, value: string | null, confirmUnsynced: boolean): void {
  const before = store.getSetting('facility.code');
  if (before === null || before === value || confirmUnsynced) return;
  const waiting = signedWaiting(store, before);
  if (waiting.batches === 0) return;
  const to = value ?? '(trống / none)';
  throw new StationError(
    'FACILITY_CODE_BATCHES_WAITING',
    `Chưa đổi mã cơ sở ${before} → ${to}: còn ${waiting.batches} lô (${waiting.records} hồ sơ) đã ký với mã ${before} chưa được hệ thống quốc gia nhận. Hãy đồng bộ chúng trước, với mã và khóa API hiện tại; sau khi đổi mã, hệ thống sẽ không nhận các lô này. Chỉ đổi luôn khi mã ${before} sai ngay từ đầu, và phải xác nhận điều đó.`,
    `The facility code was not changed ${before} → ${to}: ${waiting.batches} batch(es) (${waiting.records} records) signed as ${before} are not yet held by the national platform. Sync them first, with the current code and API key; after the change the platform will not take them. Change it anyway only if ${before} was wrong from the start, and confirm that.`,
    { current: before, requested: value, batches: waiting.batches, records: waiting.records },
  );
}

/**
 * Checks `value` for `key` and applies its consequences: a platform URL whose origin changes
 * forgets the stored API key, which belongs to the old platform; a facility code change is
 * refused while batches signed under the current one wait (unless `confirmUnsynced`), and takes
 * the unsigned records stamped with the old code along (stationStore.setFacilityCode).
 */
export function setSettingChecked(store: StationStore, key: string, given: string | null, opts: { confirmUnsynced?: boolean } = {}): void {
  const value = given === null ? null : key === 'pkcs11.module' ? withoutQuotes(given) : PASTED_CODES.has(key) ? withoutPastedBlanks(given) : given;
  if (value !== null) {
    if (key === 'pkcs11.module') checkModulePath(value);
    if (key === 'platform.url') platformConfig(value, 'checking-the-url-only');
    const format = FORMATS[key];
    if (format && !format.re.test(value)) throw invalid(key, format.vi, format.en);
  }
  if (key === 'platform.url') {
    const before = store.getSetting('platform.url');
    const origin = (url: string | null) => {
      try {
        return url === null ? null : new URL(url).origin;
      } catch {
        return null;
      }
    };
    if (before !== null && origin(before) !== origin(value) && store.getSetting('platform.key') !== null) store.setSetting('platform.key', null);
  }
  if (key === 'facility.code') {
    // The check and the change in one write transaction: no batch signed under the old code by
    // another process may slip in between (review of session 17).
    store.db.transaction(() => {
      checkFacilityChange(store, value, opts.confirmUnsynced === true);
      store.setFacilityCode(value);
    }).immediate();
    return;
  }
  store.setSetting(key, value);
}
