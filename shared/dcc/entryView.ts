/**
 * What a verifier shows of a certificate's content, whatever its kind: a vaccination (`v`), a test
 * (`t`) or a recovery (`r`) entry (hcert / eu-dcc-schema 1.3), each as labelled lines in both
 * languages with the code beside a named value. Read from a payload of any shape (it came from a
 * QR): a field that is absent or not text is left out, never guessed; the verification says what
 * is wrong with it.
 */
import { countryName } from '../domain/countries.js';
import { formatDayFirst, vietnamTime } from '../domain/dates.js';
import { DISEASE_NAMES, VACCINES, VACCINE_PROPHYLAXIS } from '../domain/vaccines.js';
import { valueSetName, type ValueSetId } from './valuesets.js';

export type EntryKind = 'v' | 't' | 'r';

export interface EntryLine {
  key: string;
  labelVi: string;
  labelEn: string;
  value: string;
  /** The English side, when it differs. */
  valueEn?: string;
  /** The payload's code, beside a value named from it. */
  code?: string;
}

export interface EntryView {
  kind: EntryKind;
  titleVi: string;
  titleEn: string;
  lines: EntryLine[];
}

const TITLES: Record<EntryKind, { vi: string; en: string }> = {
  v: { vi: 'Chứng nhận tiêm chủng', en: 'Vaccination certificate' },
  t: { vi: 'Chứng nhận xét nghiệm', en: 'Test certificate' },
  r: { vi: 'Chứng nhận khỏi bệnh', en: 'Recovery certificate' },
};

const TEST_TYPES: Record<string, { vi: string; en: string }> = {
  'LP6464-4': { vi: 'Xét nghiệm khuếch đại axit nucleic (NAAT, ví dụ RT-PCR)', en: 'Nucleic acid amplification test (NAAT, e.g. RT-PCR)' },
  'LP217198-3': { vi: 'Xét nghiệm nhanh kháng nguyên', en: 'Rapid antigen test' },
};
const TEST_RESULTS: Record<string, { vi: string; en: string }> = {
  '260415000': { vi: 'Âm tính (không phát hiện)', en: 'Negative (not detected)' },
  '260373001': { vi: 'Dương tính (phát hiện)', en: 'Positive (detected)' },
};

type Named = { vi: string; en: string };
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const same = (s: string): Named => ({ vi: s, en: s });
const maybe = (s: string | undefined): Named | undefined => (s === undefined ? undefined : same(s));

/** A coded value: the station's own name, else the EU value set's, else the code. */
function named(code: string, own: Named | undefined, set: ValueSetId | null): Named {
  return own ?? same(set === null ? code : valueSetName(set, code));
}

/**
 * "2021-08-20" → "20/08/2021"; a time stamp → "21:05 20/08/2021 (UTC+7)": the instant it names in
 * Viet Nam time, the zone said, as the CLI and the screen show every other time (iat, exp, --at).
 */
function dateText(value: string): string {
  if (value.length <= 10) return formatDayFirst(value);
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  return vietnamTime(at.toISOString());
}

class Lines {
  readonly lines: EntryLine[] = [];
  constructor(private readonly entry: Record<string, unknown>) {}

  add(key: string, labelVi: string, labelEn: string, value: Named | undefined, code?: string): void {
    if (value === undefined) return;
    const line: EntryLine = { key, labelVi, labelEn, value: value.vi };
    if (value.en !== value.vi) line.valueEn = value.en;
    if (code !== undefined && code !== value.vi) line.code = code;
    this.lines.push(line);
  }

  coded(key: string, labelVi: string, labelEn: string, own: (code: string) => Named | undefined, set: ValueSetId | null): void {
    const code = text(this.entry[key]);
    if (code !== undefined) this.add(key, labelVi, labelEn, named(code, own(code), set), code);
  }

  plain(key: string, labelVi: string, labelEn: string): void {
    const value = text(this.entry[key]);
    if (value !== undefined) this.add(key, labelVi, labelEn, same(value));
  }

  date(key: string, labelVi: string, labelEn: string): void {
    const value = text(this.entry[key]);
    if (value !== undefined) this.add(key, labelVi, labelEn, same(dateText(value)));
  }
}

function vaccination(l: Lines, e: Record<string, unknown>): void {
  l.coded('vp', 'Loại vắc xin', 'Vaccine or prophylaxis', (c) => VACCINE_PROPHYLAXIS[c], 'vaccine-prophylaxis');
  l.coded('mp', 'Tên vắc xin', 'Vaccine product', (c) => maybe(VACCINES.find((x) => x.mp === c)?.name), 'vaccine-medicinal-product');
  l.coded('ma', 'Nhà sản xuất', 'Manufacturer', (c) => maybe(VACCINES.find((x) => x.ma === c)?.manufacturer), 'vaccine-mah-manf');
  if (typeof e.dn === 'number' && typeof e.sd === 'number') l.add('dn', 'Mũi tiêm', 'Dose number', same(`${e.dn}/${e.sd}`));
  l.date('dt', 'Ngày tiêm', 'Date of vaccination');
}

function test(l: Lines): void {
  l.coded('tt', 'Loại xét nghiệm', 'Type of test', (c) => TEST_TYPES[c], 'test-type');
  l.plain('nm', 'Tên xét nghiệm', 'Test name');
  l.coded('ma', 'Bộ xét nghiệm', 'Test device', () => undefined, 'test-manf');
  l.date('sc', 'Thời điểm lấy mẫu', 'Sample collected');
  l.coded('tr', 'Kết quả', 'Test result', (c) => TEST_RESULTS[c], 'test-result');
  l.plain('tc', 'Nơi xét nghiệm', 'Testing centre');
}

function recovery(l: Lines): void {
  l.date('fr', 'Ngày xét nghiệm dương tính đầu tiên', 'First positive test');
  l.date('df', 'Có hiệu lực từ', 'Valid from');
  l.date('du', 'Có hiệu lực đến', 'Valid until');
}

/** Every entry of the payload, vaccinations first (the schema allows one kind; a bad payload may hold more). */
export function entryViews(payload: unknown): EntryView[] {
  if (typeof payload !== 'object' || payload === null) return [];
  const views: EntryView[] = [];
  for (const kind of ['v', 't', 'r'] as const) {
    const list = (payload as Record<string, unknown>)[kind];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (typeof item !== 'object' || item === null) continue;
      const e = item as Record<string, unknown>;
      const l = new Lines(e);
      l.coded('tg', 'Bệnh phòng ngừa', 'Disease or agent targeted', (c) => DISEASE_NAMES[c], 'disease-agent-targeted');
      if (kind === 'v') vaccination(l, e);
      else if (kind === 't') test(l);
      else recovery(l);
      l.coded('co', 'Quốc gia', 'Country', (c) => countryName(c), null);
      l.plain('is', 'Đơn vị cấp', 'Certificate issuer');
      l.plain('ci', 'Mã chứng nhận', 'Certificate identifier');
      views.push({ kind, titleVi: TITLES[kind].vi, titleEn: TITLES[kind].en, lines: l.lines });
    }
  }
  return views;
}
