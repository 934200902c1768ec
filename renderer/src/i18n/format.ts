/**
 * Dates as clinics read them: dd/mm/yyyy (DESIGN §8). Instants (timestamps) are shown in Viet Nam
 * time (UTC+7, no daylight saving) whatever zone the PC is set to: the station's rule is that the
 * clinic sees Viet Nam times, and a certificate issued at 01:30 on 29/02 in Viet Nam (18:30 UTC on
 * 28/02) was issued on 29/02. Nothing here reads the PC's zone.
 */
import { VIETNAM_OFFSET_MS, formatDayFirst, parseDayFirstDate } from '../../../shared/domain/dates.js';

/** Sizes as the core and the command line say them (shared/megabytes.ts). */
export { formatMegabytes } from '../../../shared/megabytes.js';

/** An instant (ISO timestamp with a time, or Unix seconds) as milliseconds; NaN when it is none. */
function instantMs(at: string | number): number {
  if (typeof at === 'number') return at * 1000;
  // A bare calendar date is a day, not an instant (Date.parse would read it as UTC midnight).
  if (at.length <= 10) return Number.NaN;
  return Date.parse(at);
}

/** The instant's Viet Nam wall clock as ISO text (yyyy-mm-ddThh:mm…), or null when it is no instant. */
function vietnamIso(at: string | number): string | null {
  const ms = instantMs(at);
  if (Number.isNaN(ms)) return null;
  const shifted = new Date(ms + VIETNAM_OFFSET_MS);
  return Number.isNaN(shifted.getTime()) ? null : shifted.toISOString();
}

/**
 * A calendar date (`YYYY-MM-DD`, or partial) as dd/mm/yyyy; an instant (ISO text with a time) as
 * its Viet Nam day; anything else unchanged.
 */
export function formatDate(date: string | null | undefined): string {
  if (date === null || date === undefined || date === '') return '';
  if (date.length <= 10) return formatDayFirst(date);
  const vn = vietnamIso(date);
  return vn === null ? date : formatDayFirst(vn.slice(0, 10));
}

/** An instant (ISO timestamp or Unix seconds) as dd/mm/yyyy HH:MM in Viet Nam time (UTC+7). */
export function formatDateTime(at: string | number | null | undefined): string {
  if (at === null || at === undefined || at === '') return '';
  const vn = vietnamIso(at);
  if (vn === null) return String(at);
  return `${formatDayFirst(vn.slice(0, 10))} ${vn.slice(11, 16)}`;
}

/** An instant's Viet Nam day (dd/mm/yyyy) and time (HH:MM) apart, for a sentence ("ngày … lúc …"); null when it is no instant. */
export function formatDayAndTime(at: string | number): { day: string; time: string } | null {
  const vn = vietnamIso(at);
  return vn === null ? null : { day: formatDayFirst(vn.slice(0, 10)), time: vn.slice(11, 16) };
}

/** What a user typed in a dd/mm/yyyy field as ISO, or null when it is not a date. Empty → ''. */
export function parseDateField(text: string): string | null {
  if (text.trim() === '') return '';
  return parseDayFirstDate(text);
}

export function formatNumber(n: number, lang: 'vi' | 'en'): string {
  return n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
}

/**
 * How far this PC's clock is from the platform's, in the largest whole unit that fits ("3 phút",
 * "9.824 ngày"), and which way: the raw seconds read as noise ("-848785170 seconds").
 */
export function formatSkew(seconds: number, lang: 'vi' | 'en'): string {
  const abs = Math.abs(seconds);
  const units: [number, string, string][] = [[86400, 'ngày', 'day'], [3600, 'giờ', 'hour'], [60, 'phút', 'minute'], [1, 'giây', 'second']];
  const [size, vi, en] = units.find(([u]) => abs >= u) ?? units[3]!;
  const n = Math.round(abs / size);
  if (n === 0) return lang === 'vi' ? 'khớp' : 'in step';
  const amount = n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  if (lang === 'vi') return `${amount} ${vi} (${seconds > 0 ? 'máy tính nhanh hơn' : 'máy tính chậm hơn'})`;
  return `${amount} ${en}${n === 1 ? '' : 's'} (${seconds > 0 ? 'this PC is ahead' : 'this PC is behind'})`;
}
