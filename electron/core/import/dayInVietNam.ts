import { VIETNAM_OFFSET_MS } from './domainPort.js';

/** A time of day with its zone, after an ISO day: "T17:00:00.000Z", "T08:30+07:00", " 20:00:00-0500". */
const ZONED_TIME = /^[T ]([01]\d|2[0-4]):([0-5]\d)(?::([0-5]\d)(?:[.,]\d+)?)?\s*(?:(Z)|([+-])([01]\d):?([0-5]\d)?)$/i;

/**
 * The time after `day` ("yyyy-mm-dd") as Viet Nam's clock shows it ("yyyy-mm-ddThh:mm"), when it
 * names its zone and falls on another day in Viet Nam; else null (no time, no zone: the day as
 * written, as Excel shows it and as a serial's fraction of a day is read). SheetJS's cellDates
 * writes a computer's local midnight as UTC: 29 July on a computer in Viet Nam is 28 July 17:00Z, a
 * day early read as written; a web system's export writes a dose's time in UTC. A list for
 * Vietnamese clinics means the day in Viet Nam (UTC+7). Read for date cells (xlsx `t="d"`) and text.
 */
export function dayInVietNam(day: string, time: string): string | null {
  const m = ZONED_TIME.exec(time);
  if (m === null) return null;
  const offset = m[4] !== undefined ? 0 : (m[5] === '-' ? -1 : 1) * (Number(m[6]) * 60 + Number(m[7] ?? 0));
  const at = Date.parse(`${day}T00:00:00Z`) + ((Number(m[1]) * 60 + Number(m[2]) - offset) * 60 + Number(m[3] ?? 0)) * 1000;
  const local = new Date(at + VIETNAM_OFFSET_MS).toISOString().slice(0, 16);
  return local.startsWith(day) ? null : local;
}
