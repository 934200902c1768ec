/**
 * The station's own id: made once and kept in settings (`station.id`), it goes into every batch
 * manifest the token signs (shared/batch/manifest.ts takes 1–64 characters).
 */
import { ManifestSchema } from '../../../shared/batch/manifest.js';
import { uuidv7 } from '../../../shared/domain/ids.js';
import { StationError } from '../../../shared/errors.js';
import type { StorePorts } from '../store/ports.js';
import type { StationStore } from '../store/stationStore.js';

/** What `station.id` may be set to from now on (settingsRules.ts checks it where it is written). */
export const STATION_ID_FORMAT = /^[A-Za-z0-9._-]{1,64}$/;
/**
 * What a kept id must be to sign: what the batch manifest takes (1–64 UTF-16 units, any text). An
 * id an older build took that the manifest also takes ("Trạm Y tế Phường 1") still signs: refusing
 * it would stop a station that signed yesterday, for a rule made for new ids.
 */
const SIGNABLE_ID = ManifestSchema.shape.station;

/**
 * The id, made now if none is kept. One kept by an older build that took any text (a long one
 * made every signing fail with an internal error) is refused before the token signs, saying
 * where it is put right.
 */
export function stationId(store: StationStore, ports: StorePorts): string {
  const existing = store.getSetting('station.id');
  if (existing !== null && existing !== '') {
    if (!SIGNABLE_ID.safeParse(existing).success) {
      throw new StationError(
        'STATION_ID_INVALID',
        `Mã trạm (station.id) trong Cài đặt không dùng được để ký (${existing.length} ký tự; tối đa 64): hãy để trống (trạm tự tạo mã mới) hoặc sửa lại. Không hồ sơ nào bị thay đổi.`,
        `The station id (station.id) in Settings cannot be used for signing (${existing.length} characters; at most 64): unset it (the station makes a new one) or correct it. No record was changed.`,
        { key: 'station.id', length: existing.length },
      );
    }
    return existing;
  }
  const id = uuidv7(ports.now().getTime(), (n) => ports.randomBytes(n));
  store.setSetting('station.id', id);
  return id;
}
