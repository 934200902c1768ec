/** Dates as clinics read them: dd/mm/yyyy (DESIGN §8), times in the PC's local zone. */
import { formatDayFirst, parseDayFirstDate } from '../../../shared/domain/dates.js';
const pad = (n) => String(n).padStart(2, '0');
/** A calendar date (`YYYY-MM-DD`, or partial) as dd/mm/yyyy; anything else unchanged. */
export function formatDate(date) {
    if (date === null || date === undefined || date === '')
        return '';
    return formatDayFirst(date.length > 10 ? date.slice(0, 10) : date);
}
/** An instant (ISO timestamp or Unix seconds) as dd/mm/yyyy HH:MM in local time. */
export function formatDateTime(at) {
    if (at === null || at === undefined || at === '')
        return '';
    const d = typeof at === 'number' ? new Date(at * 1000) : new Date(at);
    if (Number.isNaN(d.getTime()))
        return String(at);
    return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
/** What a user typed in a dd/mm/yyyy field as ISO, or null when it is not a date. Empty → ''. */
export function parseDateField(text) {
    if (text.trim() === '')
        return '';
    return parseDayFirstDate(text);
}
export function formatNumber(n, lang) {
    return n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
}
//# sourceMappingURL=format.js.map