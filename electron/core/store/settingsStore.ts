import { StationError } from '../../../shared/errors.js';
import type { StoreContext } from './ports.js';

/** Keys whose values are secrets: the audit entry says that they changed, never to what. */
const SECRET_KEY = /(^|\.)(key|secret|password|token|pin)$/i;

export function settingsStore(ctx: StoreContext) {
  const { db } = ctx;
  const get = db.prepare('SELECT value FROM settings WHERE key = ?');
  return {
    getSetting(key: string): string | null {
      return (get.get(key) as { value: string } | undefined)?.value ?? null;
    },

    /** `null` removes the key. Audited (the value too, unless the key names a secret). */
    setSetting(key: string, value: string | null): void {
      if (typeof key !== 'string' || !/^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)*$/.test(key) || key.length > 100) {
        throw new StationError('SETTING_KEY_INVALID', `Khoá cài đặt không hợp lệ: ${String(key)}.`, `Not a valid setting key: ${String(key)}.`, { key });
      }
      db.transaction(() => {
        const before = (get.get(key) as { value: string } | undefined)?.value ?? null;
        if (before === value) return;
        if (value === null) db.prepare('DELETE FROM settings WHERE key = ?').run(key);
        else {
          db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
            .run(key, value, ctx.nowIso());
        }
        const secret = SECRET_KEY.test(key);
        ctx.audit({
          action: 'settings.set', entity: 'settings', entityId: key,
          details: secret ? { changed: true, removed: value === null } : { before, after: value },
        });
      }).immediate();
    },
  };
}
