/**
 * The PC clock against the platform's (DESIGN §6): every reply carries `serverTime`. Clinic PCs
 * are often minutes or days off; the station says so (the platform refuses batches dated in its
 * future, and certificates look expired or not yet valid). Nothing in the queue depends on the
 * PC clock being right: the comparison only produces a warning.
 */
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

/** A bilingual warning when the skew passes the threshold, else null. */
export function clockWarning(skewSeconds: number | null, thresholdSeconds = CLOCK_WARN_SECONDS): Reason | null {
  if (skewSeconds === null || Math.abs(skewSeconds) <= thresholdSeconds) return null;
  const t = span(skewSeconds);
  const ahead = skewSeconds > 0;
  return {
    code: 'CLOCK_SKEW',
    message_vi: `Đồng hồ máy tính ${ahead ? 'nhanh' : 'chậm'} hơn giờ của hệ thống quốc gia khoảng ${t.vi}. Hãy chỉnh lại ngày giờ của máy tính.`,
    message_en: `This PC's clock is about ${t.en} ${ahead ? 'ahead of' : 'behind'} the national platform's. Please correct the PC's date and time.`,
  };
}
