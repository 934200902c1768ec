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
import { platformConfig } from './sync/platformClient.js';

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

const FORMATS: Record<string, { re: RegExp; vi: string; en: string }> = {
  'facility.code': { re: /^[A-Za-z0-9._-]{1,40}$/, vi: 'chữ, số, dấu chấm, gạch ngang; tối đa 40 ký tự', en: 'letters, digits, dot, dash; at most 40 characters' },
  // Vietnamese tax code (MST): 10 digits, or 13 with a branch suffix (0101234567-001).
  'facility.taxCode': { re: /^\d{10}(-?\d{3})?$/, vi: 'mã số thuế 10 chữ số (hoặc 13 với mã chi nhánh)', en: 'a 10-digit tax code (or 13 with a branch suffix)' },
  'ui.language': { re: /^(vi|en)$/, vi: 'vi hoặc en', en: 'vi or en' },
};

/**
 * Checks `value` for `key` and applies its consequences: a platform URL whose origin changes
 * forgets the stored API key, which belongs to the old platform.
 */
export function setSettingChecked(store: StationStore, key: string, value: string | null): void {
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
  store.setSetting(key, value);
}
