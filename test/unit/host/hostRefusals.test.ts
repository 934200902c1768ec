// What the browser host says when it refuses (electron/host/hostRefusals.ts): every refusal in
// Vietnamese first and English after, each saying what was wrong, never in English alone.
import { describe, expect, it } from 'vitest';
import { MALFORMED_REQUEST_REFUSALS, PAGE_REFUSALS, WS_HANDSHAKE_REFUSED, upgradeRefusal } from '../../../electron/host/hostRefusals.js';
import type { GuardRefusal } from '../../../electron/host/upgradeGuard.js';
import { expectBilingual } from '../../fixtures/bilingual.js';

const PORT = 51234;

/** Every check of upgradeGuard.ts; `satisfies` fails to compile when one is added and not listed here. */
const GUARD_REFUSALS = Object.keys({
  NOT_LOOPBACK: 0, BAD_HOST: 0, BAD_ORIGIN: 0, NO_SECRET: 0, BAD_SECRET: 0, BAD_PATH: 0, NO_PROTOCOL: 0,
  NOT_GET: 0, NOT_WEBSOCKET: 0, BAD_KEY: 0, BAD_VERSION: 0, BAD_PROTOCOL_LIST: 0,
} satisfies Record<GuardRefusal, 0>) as GuardRefusal[];

const pageTexts: Record<string, string> = {
  WRONG_HOST: PAGE_REFUSALS.WRONG_HOST(PORT),
  METHOD_NOT_ALLOWED: PAGE_REFUSALS.METHOD_NOT_ALLOWED,
  BAD_PATH_ENCODING: PAGE_REFUSALS.BAD_PATH_ENCODING,
  NOT_FOUND: PAGE_REFUSALS.NOT_FOUND,
  NOT_BUILT: PAGE_REFUSALS.NOT_BUILT,
};
const upgradeTexts: Record<string, string> = { ...Object.fromEntries(GUARD_REFUSALS.map((r) => [r, upgradeRefusal(r, PORT)])), WS_HANDSHAKE_REFUSED };
const malformedTexts: Record<string, string> = { ...MALFORMED_REQUEST_REFUSALS };

describe('the browser host’s refusals', () => {
  it('are each in Vietnamese, then " / ", then English', () => {
    for (const [name, text] of [...Object.entries(pageTexts), ...Object.entries(upgradeTexts), ...Object.entries(malformedTexts)]) {
      expect(text, name).not.toMatch(/^(Not Found|Forbidden|Unauthorized|Bad Request|Method Not Allowed|Misdirected Request|Request Timeout|Payload Too Large|Request Header Fields Too Large)$/);
      expectBilingual(text);
    }
  });

  it('say which check failed: no two refusals share a text', () => {
    const all = [...Object.values(pageTexts), ...Object.values(upgradeTexts), ...Object.values(malformedTexts)];
    expect(new Set(all).size).toBe(all.length);
  });

  it('tell a wrong Host, a foreign Origin and a missing or wrong secret to open the address the station printed, on this port', () => {
    for (const text of [pageTexts.WRONG_HOST!, upgradeTexts.BAD_HOST!, upgradeTexts.BAD_ORIGIN!]) {
      const { vi, en } = expectBilingual(text);
      expect(vi).toContain(`127.0.0.1:${PORT}`);
      expect(en).toContain(`127.0.0.1:${PORT}`);
    }
    for (const text of [pageTexts.WRONG_HOST!, upgradeTexts.NO_SECRET!, upgradeTexts.BAD_SECRET!]) {
      const { vi, en } = expectBilingual(text);
      expect(vi).toMatch(/địa chỉ mà trạm .*in ra/);
      expect(en).toMatch(/the (exact )?address the station printed/);
    }
    expect(expectBilingual(upgradeTexts.NO_SECRET!).en).toMatch(/secret .*missing/);
    expect(expectBilingual(upgradeTexts.BAD_SECRET!).en).toMatch(/secret is wrong/);
  });
});
