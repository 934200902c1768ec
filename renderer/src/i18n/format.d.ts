/** A calendar date (`YYYY-MM-DD`, or partial) as dd/mm/yyyy; anything else unchanged. */
export declare function formatDate(date: string | null | undefined): string;
/** An instant (ISO timestamp or Unix seconds) as dd/mm/yyyy HH:MM in local time. */
export declare function formatDateTime(at: string | number | null | undefined): string;
/** What a user typed in a dd/mm/yyyy field as ISO, or null when it is not a date. Empty → ''. */
export declare function parseDateField(text: string): string | null;
export declare function formatNumber(n: number, lang: 'vi' | 'en'): string;
