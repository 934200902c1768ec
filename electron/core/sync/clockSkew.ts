/**
 * The PC clock against the platform's (DESIGN §6): every reply carries `serverTime`. Clinic PCs
 * are often minutes or days off; the station says so (the platform refuses batches dated in its
 * future, and certificates look expired or not yet valid). Nothing in the queue depends on the
 * PC clock being right: the comparison only produces a warning.
 */
import { VIETNAM_OFFSET_MS, vietnamTime } from '../../../shared/domain/dates.js';
import type { Reason } from '../batches/batchStore.js';

/** Five minutes: the platform's own tolerance for a batch's `created` time. */
export const CLOCK_WARN_SECONDS = 5 * 60;

/** Station clock minus platform clock, in whole seconds; null when `serverTime` is not a date. */
export function clockSkewSeconds(serverTime: string, localNow: Date): number | null {
  const server = Date.parse(serverTime);
  if (Number.isNaN(server)) return null;
  return Math.round((localNow.getTime() - server) / 1000);
}

function span(seconds: number): { vi: string; en: string } {
  const s = Math.abs(seconds);
  if (s < 3600) {
    const m = Math.round(s / 60);
    return { vi: `${m} phút`, en: `${m} minute${m === 1 ? '' : 's'}` };
  }
  if (s < 2 * 86400) {
    const h = Math.round(s / 3600);
    return { vi: `${h} giờ`, en: `${h} hour${h === 1 ? '' : 's'}` };
  }
  const d = Math.round(s / 86400);
  return { vi: `${d} ngày`, en: `${d} days` };
}

/** Viet Nam's offset as Date#getTimezoneOffset gives it (minutes WEST of UTC): UTC+7 is -420. */
export const VIETNAM_ZONE_OFFSET_MINUTES = -VIETNAM_OFFSET_MS / 60_000;
/** How far from the zone's difference a skew may be and still look like a time-zone mistake. */
const ZONE_SLACK_SECONDS = 2 * 60;

/** The PC's zone offset now, in Date#getTimezoneOffset's convention (minutes west of UTC). */
function localZoneOffsetMinutes(): number {
  return new Date().getTimezoneOffset();
}

/** "UTC+07:00", "UTC-08:00", "UTC+00:00" for a getTimezoneOffset value. */
function zoneName(offsetMinutes: number): string {
  const east = -offsetMinutes;
  const a = Math.abs(east);
  return `UTC${east < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/**
 * A skew that is the PC zone's difference from Viet Nam's (give or take two minutes), on a PC
 * whose zone is not Viet Nam's: the PC is in the wrong time zone and someone moved its wall clock
 * to show Viet Nam time (probe 16, F6). A PC in zone Z showing Viet Nam's wall time has a UTC
 * clock off by exactly (UTC+7 − Z): 7 hours ahead on UTC, 15 ahead on Los Angeles, 7 behind on
 * Kiritimati, and nothing else. To the user the clock looks right, so "correct the date and time"
 * does not help; setting the zone does. Any other skew, whole hours or not, is a wrong clock: a
 * date a day ahead is not a zone (probe 17, F7).
 */
export function looksLikeWrongZone(skewSeconds: number, zoneOffsetMinutes: number): boolean {
  if (zoneOffsetMinutes === VIETNAM_ZONE_OFFSET_MINUTES) return false;
  // getTimezoneOffset counts minutes west of UTC: the PC's zone minus Viet Nam's, eastward.
  const zoneSkewSeconds = (zoneOffsetMinutes - VIETNAM_ZONE_OFFSET_MINUTES) * 60;
  return Math.abs(skewSeconds - zoneSkewSeconds) <= ZONE_SLACK_SECONDS;
}

const SET_ZONE = {
  vi: (zone: string) => `có lẽ máy tính đặt sai múi giờ (đang là ${zone}). Hãy đặt múi giờ của máy tính là (UTC+07:00) Bangkok, Hanoi, Jakarta và bật đặt giờ tự động, thay vì chỉnh đồng hồ.`,
  en: (zone: string) => `the PC is probably set to the wrong time zone (it is ${zone}). Set the PC's time zone to (UTC+07:00) Bangkok, Hanoi, Jakarta and turn on automatic time, rather than moving the clock.`,
};

/**
 * A bilingual warning when the skew passes the threshold, else null. `zoneOffsetMinutes` (the
 * PC's Date#getTimezoneOffset; injectable for tests) turns a skew of the zone's difference into "set the time
 * zone" rather than "correct the date and time".
 */
export function clockWarning(skewSeconds: number | null, thresholdSeconds = CLOCK_WARN_SECONDS, zoneOffsetMinutes = localZoneOffsetMinutes()): Reason | null {
  if (skewSeconds === null || Math.abs(skewSeconds) <= thresholdSeconds) return null;
  const t = span(skewSeconds);
  const ahead = skewSeconds > 0;
  const headVi = `Đồng hồ máy tính ${ahead ? 'nhanh' : 'chậm'} hơn giờ của hệ thống quốc gia khoảng ${t.vi}`;
  const headEn = `This PC's clock is about ${t.en} ${ahead ? 'ahead of' : 'behind'} the national platform's`;
  if (looksLikeWrongZone(skewSeconds, zoneOffsetMinutes)) {
    const zone = zoneName(zoneOffsetMinutes);
    return { code: 'CLOCK_SKEW', message_vi: `${headVi}, đúng bằng độ lệch múi giờ: ${SET_ZONE.vi(zone)}`, message_en: `${headEn}, exactly its time zone's difference: ${SET_ZONE.en(zone)}` };
  }
  return {
    code: 'CLOCK_SKEW',
    message_vi: `${headVi}. Hãy chỉnh lại ngày giờ của máy tính.`,
    message_en: `${headEn}. Please correct the PC's date and time.`,
  };
}

/**
 * What BATCH_CREATED_IN_FUTURE means for the user (DESIGN §6): the batch carries the time the PC
 * clock gave when it was signed, and the platform takes it only once that time has come. The
 * queue keeps its order (a later batch may correct a record of this one), so the later batches
 * wait too; the message says so, and what to do — fix the PC clock — in the light of the skew
 * measured at this run (still ahead, or already corrected).
 */
export function batchInFutureReason(batch: { id: string; createdAt: string }, skewSeconds: number | null, thresholdSeconds = CLOCK_WARN_SECONDS, zoneOffsetMinutes = localZoneOffsetMinutes()): Reason {
  const at = vietnamTime(batch.createdAt);
  const wait = {
    vi: `Hệ thống quốc gia sẽ nhận lô này từ khoảng ${at}; các lô ký sau chờ lô này và được gửi tự động sau đó. Không muốn chờ: khi đồng hồ đã đúng, đưa các hồ sơ của lô này về hàng chờ ký (màn hình Đồng bộ) rồi ký lại.`,
    en: `The platform accepts this batch from about ${at}; the batches signed after it wait for it and are sent automatically then. Not to wait: once the clock is right, put this batch's records back in the signing queue (Sync screen) and sign them again.`,
  };
  const head = {
    vi: `Lô ${batch.id} ghi thời điểm ký ${at}, muộn hơn giờ của hệ thống quốc gia: đồng hồ máy tính đã chạy nhanh khi ký.`,
    en: `Batch ${batch.id} is dated ${at}, later than the national platform's time: the PC clock was ahead when it was signed.`,
  };
  let fix: { vi: string; en: string };
  if (skewSeconds !== null && skewSeconds > thresholdSeconds && looksLikeWrongZone(skewSeconds, zoneOffsetMinutes)) {
    const t = span(skewSeconds);
    const zone = zoneName(zoneOffsetMinutes);
    fix = {
      vi: `Đồng hồ máy tính vẫn nhanh khoảng ${t.vi}, đúng bằng độ lệch múi giờ: ${SET_ZONE.vi(zone)}`,
      en: `The PC clock is still about ${t.en} ahead, exactly its time zone's difference: ${SET_ZONE.en(zone)}`,
    };
  } else if (skewSeconds !== null && skewSeconds > thresholdSeconds) {
    const t = span(skewSeconds);
    fix = {
      vi: `Đồng hồ máy tính vẫn nhanh khoảng ${t.vi}: hãy chỉnh lại ngày giờ của máy tính ngay, để các lô mới không bị như vậy.`,
      en: `The PC clock is still about ${t.en} ahead: correct the PC's date and time now, so that new batches are not dated in the future too.`,
    };
  } else if (skewSeconds !== null) {
    fix = {
      vi: 'Đồng hồ máy tính nay đã đúng; hãy giữ ngày giờ của máy tính chính xác (bật đồng bộ giờ tự động).',
      en: "The PC clock is now right; keep the PC's date and time correct (turn on automatic time sync).",
    };
  } else {
    fix = {
      vi: 'Hãy kiểm tra và chỉnh lại ngày giờ của máy tính.',
      en: "Check and correct the PC's date and time.",
    };
  }
  return {
    code: 'BATCH_CREATED_IN_FUTURE',
    message_vi: `${head.vi} ${fix.vi} ${wait.vi}`,
    message_en: `${head.en} ${fix.en} ${wait.en}`,
  };
}
