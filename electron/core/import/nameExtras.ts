/**
 * What a clinic writes in a name cell besides the name: a title before it ("Ông Nguyễn Văn An",
 * "Bà Lê Thị Bình", "Cháu …", "Mr. John Smith"), a note after it ("Nguyễn Văn An (con)",
 * "Trần Văn C - chồng"), or the family name before a comma ("NGUYEN, VAN AN", "VAN DER BERG,
 * JOHANNES"). The certificate's name is built from the first word and the rest (DESIGN §3): a title
 * kept was printed as the family name ("ONG"), a note as a given name ("VAN<AN<CON").
 */
import { error, familyInCapitalsLast, foldForSearch, warning, type Finding } from './domainPort.js';

/**
 * Vietnamese titles, with their marks (lower case, NFC): "Chu", "Châu", "Bế" are family names,
 * "Chú", "Cháu", "Bé" are not. Taken off only before a common family name ("Ông Ích Khiêm" is a
 * name: Ông is a family name too).
 */
const TITLES_VI = new Set(['ông', 'bà', 'anh', 'chị', 'cháu', 'bé', 'em', 'cô', 'chú', 'bác']);
/**
 * The titles as a name typed without marks writes them ("ONG NGUYEN VAN AN"): only those that are
 * no family name unmarked either (not "chu" Chu, "chau" Châu, "be" Bế), and only before a family
 * name that is no usual middle name, in a name with no mark anywhere.
 */
const TITLES_UNMARKED = new Set(['ong', 'ba', 'anh', 'chi', 'em', 'co', 'bac']);
/** English titles, in lower case, with or without their dot: taken off before two words or more. */
const TITLES_EN = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr']);
/** The longest title with its dot ("Miss."). */
const TITLE_MAX = 5;

/**
 * The common Vietnamese family names with their marks, lower case: a word with marks is one of them
 * only when written so ("Tổ", "Hộ", "Trưởng" fold to to, ho, truong but are no family name). The
 * North's minorities too: Hmong (Sùng, Thào, Vàng, Mùa, Hạng, Lầu, Chang), Tày and Nùng (Mã, Bế, Vi).
 */
const FAMILY_NAMES_MARKED = new Set(
  ('nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đào đoàn vương trịnh trương lâm phùng mai tô hà tạ ' +
    'quách lương đinh cao lưu thái châu kiều lục la chu tăng từ khúc thân triệu đàm hứa tống giang mạc âu nghiêm quan lã lò kim ' +
    'diệp tôn hầu nông lạc ninh trang doãn viên khổng cù yên thạch sơn danh liêu bạch cầm sùng thào vàng mùa hạng lầu chang mã bế vi')
    .split(' '),
);

/** The same names folded (no marks): the word a title stands before, however it is typed. */
const FAMILY_NAMES: ReadonlySet<string> = new Set([...FAMILY_NAMES_MARKED].map(foldForSearch));

/** A usual family name as written: with its marks when it has any, else by its folded form. */
export function familyNameWord(word: string): boolean {
  const lower = word.toLowerCase();
  return FAMILY_NAMES.has(lower) || FAMILY_NAMES_MARKED.has(lower.normalize('NFC'));
}

/**
 * Letters only Vietnamese writes (ă đ ơ ư, and the dot below and hook above): "Müller", "José" and
 * "Côté" have none (â ê ô are French too).
 */
const VIETNAMESE_LETTERS = /[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/iu;

/**
 * Whether a name reads as Vietnamese: a usual family name first, or a letter only Vietnamese
 * writes ("Giàng A Páo", a family name of the North's minorities). "Van der Berg" does not.
 */
export function readsVietnamese(name: string): boolean {
  const space = name.indexOf(' ');
  return FAMILY_NAMES.has(foldForSearch(space < 0 ? name : name.slice(0, space))) || VIETNAMESE_LETTERS.test(name.normalize('NFC'));
}

/**
 * Words that make a name Vietnamese though no usual family name leads it: the middle names Văn and
 * Thị typed without marks ("Lo Van Ung"), and the names of the Central Highlands' peoples — Ê Đê's
 * Y (a man) and H' (a woman) before the given name, their family names (Niê, Ksor, Siu, Rơ Mah,
 * Kpă, Mlô, Êban, Ayun, Byă, Nay, Rah Lan, Hđơk, Adrơng, Êya, Buôn Ya, Kbuôr, Mdrang, Bkrông,
 * Knul, Hmok, Alio, Kđoh), folded.
 */
const VIETNAMESE_WORDS: ReadonlySet<string> = new Set(
  ('van thi y nie ksor siu ro mah kpa mlo eban ayun bya nay rah lan hdok adrong eya buon kbuor mdrang bkrong knul hmok alio kdoh rcom ' +
    'kpor kso rchom hwing ktla dam ' +
    // Rarer family names, folded: Ông (Ông Ích Khiêm), Ưng, Kha, Khương, Phí, Phó, Sầm, Thiều, Tòng, Lò, Hứa, Mông.
    'ong ung kha khuong phi pho sam thieu tong lo hua mong').split(' '),
);

/**
 * Whether nothing in a name says it is Vietnamese: no usual family name in any place (a foreigner's
 * list order varies), no word of VIETNAMESE_WORDS, no letter only Vietnamese writes, no H' of an
 * Ê Đê woman's name. Such a name in a list without a nationality column may be a foreigner's.
 */
export function noVietnameseName(name: string): boolean {
  if (VIETNAMESE_LETTERS.test(name.normalize('NFC'))) return false;
  for (const word of name.split(/[\s,]+/)) {
    if (word === '') continue;
    const folded = foldForSearch(word);
    if (FAMILY_NAMES.has(folded) || VIETNAMESE_WORDS.has(folded) || /^h['’]/.test(folded)) return false;
  }
  return true;
}

/** The family names that are rarely a middle name: what must follow "Ông" for it to be a title. */
const FAMILY_NAMES_NOT_MIDDLE = new Set(
  'nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong trinh truong dao doan luong cao luu quach phung'.split(' '),
);

/** Who the person is to someone else, written after the name: "(con)", "- chồng", "(cháu nội)". */
const RELATIONS = new Set([
  'con', 'con trai', 'con gai', 'chau', 'chau noi', 'chau ngoai', 'bo', 'me', 'cha', 'vo', 'chong', 'ong', 'ba', 'anh', 'chi', 'em',
  'chu ho', 'ch',
]);

/** A note in brackets at the end, with a letter in it. */
const BRACKET_NOTE = /^(.*?\p{L}.*?)\s*[([]([^()[\]]*\p{L}[^()[\]]*)[)\]]$/u;
/** " - chồng": a dash with spaces around it, then a few words. */
const DASH_NOTE = /^(.*?\p{L}.*?)\s+[-–]\s+(\p{L}[\p{L} ]{0,20})$/u;

export interface NameRead {
  fullName: string;
  /** Set when the cell says where the family name ends (a comma). */
  familyName?: string;
  givenName?: string;
  finding: Finding | null;
  /** A second finding (a foreigner's name order, beside a title taken off). */
  also?: Finding;
}

function removed(written: string, name: string, title: string | null, note: string | null): Finding {
  const vi = [title === null ? '' : `danh xưng "${title}"`, note === null ? '' : `ghi chú "(${note})"`].filter((s) => s !== '').join(' và ');
  const en = [title === null ? '' : `a title "${title}"`, note === null ? '' : `a note "(${note})"`].filter((s) => s !== '').join(' and ');
  return warning(
    'fullName',
    'IMPORT_NAME_EXTRA_REMOVED',
    `Ô họ tên "${written}" có ${vi}, không thuộc họ tên: đã đọc họ tên là "${name}". Hãy kiểm tra lại.`,
    `The name cell "${written}" has ${en}, which is no part of the name: the name is read as "${name}". Check it.`,
  );
}

/**
 * A foreigner's name (`foreign`) with the family name in capitals last, read family first as the
 * certificate orders it, said; anyone's name otherwise as nameWithoutExtras reads it.
 */
export function foreignNameRead(read: NameRead): NameRead {
  if (read.familyName !== undefined) return read;
  const split = familyInCapitalsLast(read.fullName);
  if (split === null) return read;
  const fullName = `${split.familyName} ${split.givenName}`;
  const said = warning(
    'familyName',
    'IMPORT_NAME_FAMILY_LAST',
    `Họ tên "${read.fullName}" viết họ in hoa ở cuối như trên hộ chiếu: đã đọc họ là ${split.familyName}, tên là ${split.givenName} (họ tên "${fullName}"). Hãy kiểm tra lại.`,
    `The name "${read.fullName}" has the family name in capitals last, as passports write it: read as family name ${split.familyName}, given names ${split.givenName} (full name "${fullName}"). Check it.`,
  );
  return { fullName, ...split, finding: read.finding ?? said, ...(read.finding === null ? {} : { also: said }) };
}

/**
 * The name without a title before it or a note after it, and its family name when a comma says it.
 * `foreign`: the row's nationality is another country's (a given name first is no call name).
 */
export function nameWithoutExtras(written: string, foreign = false): NameRead {
  let name = withoutStrayMarks(written);
  let note: string | null = null;
  let title: string | null = null;
  const two = twoPeople(written, name);
  if (two !== null) return { fullName: name, finding: two };
  // Cheap tests first: most names have none of these.
  if (name.endsWith(')') || name.endsWith(']')) {
    const m = BRACKET_NOTE.exec(name);
    if (m !== null) {
      name = m[1]!;
      note = m[2]!.trim();
    }
  } else if (name.includes(' - ') || name.includes(' – ')) {
    // No Vietnamese name has " - " in it: what follows a Vietnamese name of two words or more is a
    // note ("- chồng", "- BS", "- đã tiêm ở xã"); after any other, a relation only ("Anna Smith -
    // Jones" is a double name).
    const m = DASH_NOTE.exec(name);
    if (m !== null && (RELATIONS.has(foldForSearch(m[2]!)) || (m[1]!.includes(' ') && FAMILY_NAMES.has(foldForSearch(m[1]!.slice(0, m[1]!.indexOf(' '))))))) {
      name = m[1]!;
      note = m[2]!.trim();
    }
  } else if (name.includes(',')) {
    // "Nguyễn Thị Lan, vợ": a relation after a comma is a note too, not a given name.
    const m = COMMA_NOTE.exec(name);
    if (m !== null && RELATIONS.has(foldForSearch(m[2]!))) {
      name = m[1]!;
      note = m[2]!.trim();
    }
  }
  // Every title is five characters at most ("Miss."): a longer first word is looked at no further
  // (this runs on every row of a 100k-row file; folding each first word cost ~0.1 s).
  const space = name.indexOf(' ');
  if (space > 0 && space <= TITLE_MAX) {
    const first = name.slice(0, space);
    const lower = first.toLowerCase();
    const english = TITLES_EN.has(lower.endsWith('.') ? lower.slice(0, -1) : lower);
    const unmarked = TITLES_UNMARKED.has(lower) && UNMARKED.test(name);
    if (english || unmarked || TITLES_VI.has(lower)) {
      const rest = name.slice(space + 1).trim();
      const next = rest.split(' ');
      const after = foldForSearch(next[0]!);
      // Ông is a family name too ("Ông Ích Khiêm", "Ông Đình Khoa"): a title only before a family
      // name that is no usual middle name (Đình, Kim, Mai, Thái… stay with Ông as its name).
      const family = lower === 'ông' || unmarked ? FAMILY_NAMES_NOT_MIDDLE.has(after) : FAMILY_NAMES.has(after);
      if (next.length >= 2 && (english || family)) {
        name = rest;
        title = first;
      } else if (!foreign && lower !== 'ông' && lower !== 'ong' && (unmarked || TITLES_VI.has(lower)) && (next.length === 1 || (!FAMILY_NAMES.has(after) && !FAMILY_NAMES_NOT_MIDDLE.has(foldForSearch(next[next.length - 1]!))))) {
        // "Bé Na", "Cháu Gia Bảo", "CHI MAI": a title and what the family calls the person, no
        // family name (a usual one last, "Anh Tuấn Nguyễn", is a given name first; "Hà" last is
        // a given name as often as a family name): not the name on the
        // papers the certificate must carry. Kept as written, said.
        return { fullName: name, finding: callName(written), ...(note === null ? {} : { also: removed(written, name, null, note) }) };
      }
    }
  }
  const finding = title === null && note === null ? abbreviated(written, name) : removed(written, name, title, note);
  const comma = name.indexOf(',');
  if (comma > 0 && comma === name.lastIndexOf(',')) {
    const familyName = name.slice(0, comma).trim();
    const givenName = name.slice(comma + 1).trim();
    if (/\p{L}/u.test(familyName) && /\p{L}/u.test(givenName)) {
      // The order a passport's machine line uses; said, since the certificate's name follows it.
      const split = commaSplit(written, familyName, givenName);
      return { fullName: `${familyName} ${givenName}`, familyName, givenName, finding: finding ?? split, ...(finding === null ? {} : { also: split }) };
    }
  }
  return { fullName: name, finding };
}

/**
 * What typing leaves around a name and no name has: a list's bullet before it ("- ", "* ", "• "),
 * a full stop or comma after its last word ("Đỗ Văn Đức."). Taken off without a word, as spaces
 * are; an initial's dot ("Trần Văn C.") is kept, for abbreviated() to say.
 */
function withoutStrayMarks(name: string): string {
  let out = name;
  // Cheap tests first: this runs on every name of a file.
  if (STRAY_BEFORE.has(out[0] ?? '') && out[1] === ' ') out = out.replace(/^[-*•+–]\s+/u, '');
  if (STRAY_AFTER.has(out[out.length - 1] ?? '')) {
    // The last word only (a long cell is not scanned back and forth), and only a whole word: one
    // with a vowel ("Đức."); "Th.", "Ng.", "Jr." are cut short, and keep their dot for abbreviated().
    const word = /(\p{L}+)[.,;:]+$/u.exec(out.slice(out.lastIndexOf(' ') + 1));
    if (word !== null && word[1]!.length >= 2 && /[aeiouy]/.test(foldForSearch(word[1]!))) out = out.slice(0, out.length - (word[0].length - word[1]!.length));
  }
  return out;
}

const STRAY_BEFORE = new Set(['-', '*', '•', '+', '–']);
const STRAY_AFTER = new Set(['.', ',', ';', ':']);

/** Between two names in one cell: a comma, a semicolon, "và", "&", "+", a dash, a slash. */
const PEOPLE_SEPARATOR = /\s*[,;&+/]\s*|\s+(?:và|[-–])\s+/u;

/**
 * "Lê Thị Hoa, Lê Văn Tú", "Nguyễn Văn An và Trần Thị Bình": two people in one name cell (a
 * couple, a parent and child on one line). Each part is a name of two words or more starting
 * with a family name; a passport's "NGUYEN, VAN AN" is not (its part after the comma starts with
 * no family name). An error: which of them had this dose?
 */
function twoPeople(written: string, name: string): Finding | null {
  if (!/[,;&+/]|\svà\s|\s[-–]\s/u.test(name)) return null;
  const parts = name.split(PEOPLE_SEPARATOR).map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length < 2) return null;
  // A person's name: a family name as written, then two words or more ("Lê Văn A"); a title before
  // it is no part of it ("Ông Nguyễn Văn A và Bà Trần Thị B"). "- Tổ 3", "- Hà Nội", "- Mai Dịch",
  // "TON NU, MAI ANH" are none.
  const aName = (p: string) => {
    const words = p.split(' ');
    if (words.length > 3 && TITLES_VI.has(words[0]!.toLowerCase())) words.shift();
    return words.length >= 3 && familyNameWord(words[0]!);
  };
  if (!parts.every(aName)) return null;
  return error(
    'fullName',
    'IMPORT_NAME_TWO_PEOPLE',
    `Ô họ tên "${written}" có tên của ${parts.length} người: mỗi người một dòng, với mũi tiêm của chính người đó.`,
    `The name cell "${written}" holds ${parts.length} people's names: one row per person, with that person's own dose.`,
  );
}

/** A word cut short with a dot ("Ng.", "T."): the certificate needs it written out. */
const ABBREVIATED = /(?:^|\s)\p{L}{1,3}\.(?=\s|$)/u;

function abbreviated(written: string, name: string): Finding | null {
  if (!name.includes('.') || !ABBREVIATED.test(name)) return null;
  return warning(
    'fullName',
    'IMPORT_NAME_ABBREVIATED',
    `Ô họ tên "${written}" có chữ viết tắt: chứng nhận cần họ tên đầy đủ như trên giấy tờ. Hãy viết đầy đủ.`,
    `The name cell "${written}" has an abbreviated word: the certificate needs the full name as on the person's papers. Write it out.`,
  );
}

/** No letter with a mark: the name as typed on a keyboard without Vietnamese input. */
const UNMARKED = /^[\x20-\x7e]*$/;

function callName(written: string): Finding {
  return warning(
    'fullName',
    'IMPORT_NAME_CALL_NAME',
    `Ô họ tên "${written}" là danh xưng và tên gọi, không phải họ tên trên giấy tờ: chứng nhận cần đủ họ, tên đệm và tên. Hãy sửa lại.`,
    `The name cell "${written}" is a title and a call name, not the name on the person's papers: the certificate needs the family, middle and given names. Correct it.`,
  );
}

/** " , vợ": a comma, then a few words. */
const COMMA_NOTE = /^(.*?\p{L}.*?)\s*,\s*(\p{L}[\p{L} ]{0,20})$/u;

function commaSplit(written: string, familyName: string, givenName: string): Finding {
  return warning(
    'familyName',
    'IMPORT_NAME_COMMA',
    `Ô họ tên "${written}" có dấu phẩy: đã đọc phần trước dấu phẩy là họ (${familyName}), phần sau là tên (${givenName}), như dòng máy đọc của hộ chiếu. Hãy kiểm tra lại.`,
    `The name cell "${written}" has a comma: the part before it is read as the family name (${familyName}), the part after as the given names (${givenName}), as a passport's machine-readable line writes it. Check it.`,
  );
}
