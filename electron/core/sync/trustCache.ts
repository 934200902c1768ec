/**
 * The DSC trust list the certificates are verified with (DESIGN §6, §7): fetched from
 * `GET /v1/trust-list` at every sync, kept in sync_state, so the certificates screen and
 * `dcc.verify` still verify offline.
 */
import { parseTrustList } from '../../../shared/dcc/trust.js';
import { vietnamTime } from '../../../shared/domain/dates.js';
import type { TrustEntry } from '../../../shared/dcc/trustEntry.js';
import type { Logger } from '../logger.js';
import type { PlatformClient } from './platformClient.js';
import { SyncFailure } from './syncFailure.js';
import { SYNC_KEYS, type SyncState } from './syncState.js';

/** The cached list, or null when the station never synced (or the cache is unreadable). */
export async function cachedTrust(state: SyncState, logger: Logger): Promise<TrustEntry[] | null> {
  const text = state.get(SYNC_KEYS.trustList);
  if (text === null) return null;
  try {
    return await parseTrustList(text);
  } catch {
    logger.log('warn', 'sync: cached trust list unreadable');
    return null;
  }
}

/** A fresh list from the platform, cached; throws (SyncFailure) when it cannot be fetched or read. */
export async function fetchTrust(client: PlatformClient, state: SyncState): Promise<TrustEntry[]> {
  const list = await client.trustList();
  const entries = await parseTrustList(list).catch((e: unknown) => {
    throw new SyncFailure('bad-reply', 'PLATFORM_REPLY_INVALID', 'Danh sách tin cậy của hệ thống quốc gia không đọc được', 'The national platform’s trust list cannot be read', {
      details: { reason: e instanceof Error ? e.message : String(e) },
    });
  });
  // A list that trusts nobody would make every certificate held here (and every one still to
  // come) fail offline: a broken reply, not a decision the platform would send. The cached list stays.
  if (entries.length === 0) {
    throw new SyncFailure('bad-reply', 'TRUST_LIST_EMPTY',
      'Hệ thống quốc gia gửi danh sách tin cậy rỗng; máy trạm giữ danh sách đã có để xác minh chứng nhận.',
      'The national platform sent an empty trust list; the station keeps the list it has to verify certificates.');
  }
  state.set(SYNC_KEYS.trustList, JSON.stringify(list));
  return entries;
}

/**
 * A fresh list from the platform (cached), else the cached one when the platform cannot be
 * reached. The cached one may be stale (the platform rotated its DSC): a certificate that does
 * not verify with it is not skipped but waits (pullCertificates.ts).
 */
export async function refreshTrust(client: PlatformClient, state: SyncState, logger: Logger): Promise<TrustEntry[]> {
  try {
    return await fetchTrust(client, state);
  } catch (e) {
    if (!(e instanceof SyncFailure) || e.kind === 'auth' || e.kind === 'config') throw e;
    const cached = await cachedTrust(state, logger);
    if (cached === null) throw e;
    logger.log('warn', 'sync: trust list not refreshed, using the cached one', { code: e.code });
    return cached;
  }
}

/** Added to a verification report made before the station ever downloaded the trust list. */
export function trustNotCached() {
  return {
    code: 'TRUST_LIST_NOT_CACHED',
    message: 'Chưa có danh sách tin cậy: hãy đồng bộ một lần / No trust list yet: sync once',
    message_vi: 'Chưa có danh sách tin cậy: hãy đồng bộ với hệ thống quốc gia một lần',
    message_en: 'No trust list yet: sync with the national platform once',
  };
}

/**
 * Beside a KID_UNKNOWN from the cached list: a key the list does not hold may be one the platform
 * added since it was fetched (a new document signer), not a forgery. Said with the time the list
 * was fetched (Viet Nam time), so the clinic syncs and verifies again before calling a genuine
 * passport fake (probe 17, F8).
 */
export function trustMaybeStale(refreshedAt: string | null) {
  const when = refreshedAt !== null && !Number.isNaN(Date.parse(refreshedAt)) ? vietnamTime(refreshedAt) : null;
  const vi = `Danh sách tin cậy của máy trạm ${when !== null ? `được cập nhật lúc ${when}` : 'có thể đã cũ'}: khóa này có thể là khóa mới của hệ thống quốc gia. Hãy đồng bộ rồi kiểm tra lại trước khi kết luận chứng nhận không hợp lệ`;
  const en = `The station's trust list ${when !== null ? `was last updated at ${when}` : 'may be out of date'}: this key may be a newer key of the national platform. Sync, then verify again before taking the certificate as invalid`;
  return { code: 'TRUST_LIST_MAYBE_STALE', message: `${vi} / ${en}`, message_vi: vi, message_en: en, ...(refreshedAt !== null ? { details: { refreshedAt } } : {}) };
}
