/**
 * The simulated national population database (step 1 of DESIGN §1): seeded synthetic
 * Vietnamese people — names with diacritics, CCCD numbers whose structure matches the person
 * (Circular 07/2016/TT-BCA: province of birth registration, century+sex digit, two digits of
 * the birth year) — plus people loaded from a JSON file or added by a test through the admin API.
 */
import { z } from 'zod';
import { CCCD_PROVINCES } from '../../shared/domain/cccdProvinces.js';
import { seededRandom } from './seededRandom.js';

export const PopulationPersonSchema = z
  .object({
    idType: z.enum(['CCCD', 'CMND', 'PASSPORT']),
    idNumber: z.string().min(1).max(32),
    fullName: z.string().min(1).max(200),
    dob: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
    sex: z.enum(['M', 'F', 'X']).default('X'),
  })
  .strip();
export type PopulationPerson = z.infer<typeof PopulationPersonSchema>;

/** A population file: a JSON array of people, or `{ "people": [...] }`. */
export const PopulationFileSchema = z.union([
  z.array(PopulationPersonSchema),
  z.object({ people: z.array(PopulationPersonSchema) }).transform((f) => f.people),
]);

// Frequencies roughly as in the 2009 census name studies: Nguyễn alone is about 38 %.
const FAMILY: readonly [string, number][] = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9], ['Phạm', 7], ['Hoàng', 5], ['Huỳnh', 4], ['Phan', 4], ['Vũ', 4],
  ['Võ', 3], ['Đặng', 2], ['Bùi', 2], ['Đỗ', 2], ['Hồ', 2], ['Ngô', 1], ['Dương', 1], ['Lý', 1], ['Đinh', 1],
  ['Trịnh', 1], ['Đoàn', 1], ['Lương', 1],
];
const MIDDLE_M = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Xuân', 'Quang', 'Đình', 'Bảo'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Phương', 'Mai', 'Bảo', 'Khánh', 'Diệu'];
const GIVEN_M = ['An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hiếu', 'Hoàng', 'Hùng', 'Huy', 'Khang', 'Khoa', 'Long',
  'Lộc', 'Minh', 'Nam', 'Nghĩa', 'Phát', 'Phúc', 'Quân', 'Sơn', 'Tài', 'Thắng', 'Thành', 'Tiến', 'Trung', 'Tuấn', 'Việt', 'Vinh'];
const GIVEN_F = ['Anh', 'Châu', 'Chi', 'Diệp', 'Giang', 'Hà', 'Hân', 'Hằng', 'Hạnh', 'Hoa', 'Hương', 'Huyền', 'Lan', 'Linh',
  'Loan', 'Ly', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Oanh', 'Phượng', 'Quỳnh', 'Thảo', 'Thủy', 'Trang', 'Trinh', 'Yến'];

const PROVINCE_CODES = Object.keys(CCCD_PROVINCES).sort();
const FAMILY_TOTAL = FAMILY.reduce((s, [, w]) => s + w, 0);

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The CCCD digit 4: 0/1 = born 1900s male/female, 2/3 = 2000s. */
export function cccdFor(province: string, year: number, sex: 'M' | 'F', serial: number): string {
  const centuryDigit = 2 * Math.floor((year - 1900) / 100) + (sex === 'F' ? 1 : 0);
  return `${province}${centuryDigit}${pad(year % 100, 2)}${pad(serial % 1_000_000, 6)}`;
}

/**
 * `count` people, the same for the same seed. About 1 in 8 holds only the older 9-digit CMND
 * (people born before 1990 who never renewed), the rest a CCCD. Ids are unique.
 */
export function generatePopulation(seed: number, count: number): PopulationPerson[] {
  const random = seededRandom(seed, 2);
  const out: PopulationPerson[] = [];
  const seen = new Set<string>();
  while (out.length < count) {
    const sex = random.chance(0.5) ? 'M' : 'F';
    let w = random.next() * FAMILY_TOTAL;
    let family = FAMILY[0]![0];
    for (const [name, weight] of FAMILY) {
      if ((w -= weight) < 0) {
        family = name;
        break;
      }
    }
    const middle = random.pick(sex === 'M' ? MIDDLE_M : MIDDLE_F);
    const given = random.pick(sex === 'M' ? GIVEN_M : GIVEN_F);
    const fullName = random.chance(0.1) ? `${family} ${given}` : `${family} ${middle} ${given}`;
    const year = random.int(1935, 2016);
    const month = random.int(1, 12);
    const day = random.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
    const dob = `${year}-${pad(month, 2)}-${pad(day, 2)}`;
    const cmnd = year < 1990 && random.chance(0.25);
    const idNumber = cmnd
      ? `${random.int(1, 38)}${pad(random.int(0, 9_999_999), 7)}`.padStart(9, '0')
      : cccdFor(random.pick(PROVINCE_CODES), year, sex, random.int(0, 999_999));
    const idType = cmnd ? 'CMND' : 'CCCD';
    if (seen.has(`${idType}:${idNumber}`)) continue;
    seen.add(`${idType}:${idNumber}`);
    out.push({ idType, idNumber, fullName, dob, sex });
  }
  return out;
}
