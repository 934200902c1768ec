/**
 * ISO 3166-1 alpha-2 codes officially assigned (249), plus XK (Kosovo, user-assigned, but used by
 * the EU DCC country value set). Nationality must be one of them.
 */
const CODES =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ ' +
  'BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ ' +
  'DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ' +
  'ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ ' +
  'LA LB LC LI LK LR LS LT LU LV LY ' +
  'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ ' +
  'NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA ' +
  'RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ ' +
  'TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ ' +
  'VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK';

export const COUNTRY_CODES: ReadonlySet<string> = new Set(CODES.split(' '));

export function isCountryCode(code: string): boolean {
  return COUNTRY_CODES.has(code);
}

const REGIONS = { vi: new Intl.DisplayNames(['vi'], { type: 'region' }), en: new Intl.DisplayNames(['en'], { type: 'region' }) };

/**
 * A country's name in each language, for a code shown on a certificate: Viet Nam as the Ministry
 * writes it, every other country as the locale data names it; a code
 * that is not a country as it is.
 */
export function countryName(code: string): { vi: string; en: string } {
  if (code === 'VN') return { vi: 'Việt Nam', en: 'Viet Nam' };
  if (!COUNTRY_CODES.has(code)) return { vi: code, en: code };
  try {
    return { vi: REGIONS.vi.of(code) ?? code, en: REGIONS.en.of(code) ?? code };
  } catch {
    return { vi: code, en: code };
  }
}
