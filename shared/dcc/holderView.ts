/**
 * The holder of a certificate, fields 1 and 2 of the 11 (DESIGN §3): the name and the date of
 * birth, as the verify screen and `station dcc decode|verify` both show them. Read from a payload
 * of any shape (it came from a QR); the schema step says what is wrong with it.
 */
import { formatDayFirst } from '../domain/dates.js';

export interface HolderView {
  /** Each part as written (`fn`, `gn`), else its transliteration (`fnt`, `gnt`) made readable. */
  name: string;
  /** dd/mm/yyyy, mm/yyyy or yyyy as the certificate gives it; '' when it says none (hcert: unknown). */
  dob: string;
}

/**
 * A transliteration (ICAO 9303 machine-readable-zone letters) as words: "<" stands for the space
 * between a part's words ("BAO<DUY"), and "<<" may separate its own sub-parts.
 */
export function readableTransliteration(text: string): string {
  return text.replace(/<+/g, ' ').trim();
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The schema requires only `fnt` (1.3.2: `fnt` or `gnt`); `fn` and `gn` may be absent or empty. */
export function holderOf(payload: unknown): HolderView | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as { nam?: unknown; dob?: unknown };
  if (typeof p.nam !== 'object' || p.nam === null) return null;
  const nam = p.nam as Record<string, unknown>;
  const part = (written: string, transliterated: string) => text(nam[written]).trim() || readableTransliteration(text(nam[transliterated]));
  const name = [part('fn', 'fnt'), part('gn', 'gnt')].filter(Boolean).join(' ');
  return { name, dob: formatDayFirst(text(p.dob)) };
}

/** The holder as `station dcc` prints it, one line per field, Vietnamese first; none without a name object. */
export function holderLines(payload: unknown): string[] {
  const holder = holderOf(payload);
  if (holder === null) return [];
  return [`Họ và tên / Full name: ${holder.name}`, `Ngày sinh / Date of birth: ${holder.dob === '' ? 'không rõ / unknown' : holder.dob}`];
}
