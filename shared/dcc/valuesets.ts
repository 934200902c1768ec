/**
 * EU DCC value sets: the codes a payload field may hold. Data, not logic, transcribed from
 * ehn-dcc-development/eu-dcc-valuesets (files named per set below; dates are each file's
 * `valueSetDate`) and ehn-dcc-development/eu-dcc-schema `valuesets/` for the small SNOMED/LOINC
 * sets. Inactive (deprecated) codes stay members: a verifier must still read certificates
 * issued with them (DESIGN §3: J07BX03 and 1119305005 are still accepted).
 */

export type ValueSetId =
  | 'disease-agent-targeted'
  | 'vaccine-prophylaxis'
  | 'vaccine-medicinal-product'
  | 'vaccine-mah-manf'
  | 'country-2-codes'
  | 'test-type'
  | 'test-manf'
  | 'test-result';

export interface ValueSet {
  id: ValueSetId;
  /** `valueSetDate` of the transcribed file. */
  date: string;
  /** code → English display name (empty when the display is not kept). */
  values: ReadonlyMap<string, string>;
}

function set(id: ValueSetId, date: string, entries: Record<string, string> | string[]): ValueSet {
  const values = Array.isArray(entries) ? entries.map((c) => [c, ''] as const) : Object.entries(entries);
  return { id, date, values: new Map(values) };
}

const VACCINE_PRODUCTS = {
  'EU/1/20/1528': 'Comirnaty',
  'EU/1/20/1507': 'Spikevax',
  'EU/1/21/1529': 'Vaxzevria',
  'EU/1/20/1525': 'Jcovden',
  'EU/1/21/1618': 'Nuvaxovid',
  CVnCoV: 'CVnCoV',
  'NVX-CoV2373': 'NVX-CoV2373 (deprecated)',
  'Sputnik-V': 'Sputnik-V',
  Convidecia: 'Convidecia',
  EpiVacCorona: 'EpiVacCorona',
  'BBIBP-CorV': 'BBIBP-CorV',
  'Inactivated-SARS-CoV-2-Vero-Cell': 'Inactivated SARS-CoV-2 (Vero Cell) (deprecated)',
  CoronaVac: 'CoronaVac',
  Covaxin: 'Covaxin',
  Covishield: 'Covishield',
  'Covid-19-recombinant': 'Covid-19 (recombinant)',
  'R-COVI': 'R-COVI',
  CoviVac: 'CoviVac',
  'Sputnik-Light': 'Sputnik Light',
  'Hayat-Vax': 'Hayat-Vax',
  Abdala: 'Abdala',
  'WIBP-CorV': 'WIBP-CorV',
  'MVC-COV1901': 'MVC COVID-19 vaccine',
  Covovax: 'Covovax',
  Vidprevtyn: 'Vidprevtyn',
  VLA2001: 'VLA2001',
  'EpiVacCorona-N': 'EpiVacCorona-N',
  'Sputnik-M': 'Sputnik M',
  'Covid-19-adsorvida-inativada': 'Vacina adsorvida covid-19 (inativada)',
  'NVSI-06-08': 'NVSI-06-08',
  'YS-SC2-010': 'YS-SC2-010',
  SCTV01C: 'SCTV01C',
  Covifenz: 'Covifenz',
  AZD2816: 'AZD2816',
  'Soberana-02': 'Soberana 02',
  'Soberana-Plus': 'Soberana Plus',
};

const VACCINE_MANUFACTURERS = {
  'ORG-100001699': 'AstraZeneca AB',
  'ORG-100030215': 'Biontech Manufacturing GmbH',
  'ORG-100001417': 'Janssen-Cilag International',
  'ORG-100031184': 'Moderna Biotech Spain S.L.',
  'ORG-100006270': 'Curevac AG',
  'ORG-100013793': 'CanSino Biologics',
  'ORG-100020693': 'China Sinopharm International Corp. - Beijing location',
  'ORG-100010771': 'Sinopharm Weiqida Europe Pharmaceutical s.r.o. - Prague location',
  'ORG-100024420': 'Sinopharm Zhijun (Shenzhen) Pharmaceutical Co. Ltd. - Shenzhen location',
  'ORG-100032020': 'Novavax CZ a.s.',
  'Gamaleya-Research-Institute': 'Gamaleya Research Institute',
  'Vector-Institute': 'Vector Institute',
  'Sinovac-Biotech': 'Sinovac Biotech',
  'Bharat-Biotech': 'Bharat Biotech',
  'ORG-100001981': 'Serum Institute Of India Private Limited',
  Fiocruz: 'Fiocruz',
  'ORG-100007893': 'R-Pharm CJSC',
  'Chumakov-Federal-Scientific-Center': 'Chumakov Federal Scientific Center for Research and Development of Immune-and-Biological Products',
  'ORG-100023050': 'Gulf Pharmaceutical Industries',
  CIGB: 'Center for Genetic Engineering and Biotechnology',
  'Sinopharm-WIBP': 'Sinopharm - Wuhan Institute of Biological Products',
  'ORG-100033914': 'Medigen Vaccine Biologics Corporation',
  'ORG-100000788': 'Sanofi Pasteur',
  'ORG-100036422': 'Valneva France',
  'Instituto-Butantan': 'Instituto Butantan',
  NVSI: 'National Vaccine and Serum Institute, China',
  'Yisheng-Biopharma': 'Yisheng Biopharma',
  'ORG-100026614': 'Sinocelltech Ltd.',
  'ORG-100008549': 'Medicago Inc.',
  'Finlay-Institute': 'Finlay Institute of Vaccines',
};

const VACCINE_PROPHYLAXIS = {
  '1119305005': 'SARS-CoV-2 antigen vaccine',
  '1119349007': 'SARS-CoV-2 mRNA vaccine',
  J07BX03: 'covid-19 vaccines (deprecated)',
  '1162643001': 'SARS-CoV-2 recombinant spike protein antigen vaccine',
  '1157024006': 'Inactivated whole SARS-CoV-2 antigen vaccine',
  '29061000087103': 'COVID-19 non-replicating viral vector vaccine',
  '28531000087107': 'COVID-19 vaccine',
  '30141000087107': 'SARS-CoV-2 virus-like particle antigen vaccine',
  '1187593009': 'SARS-CoV-2 DNA plasmid encoding spike protein vaccine',
};

// ISO 3166-1 alpha-2, plus XK (Kosovo) added by the value set's version 1.4.
const COUNTRIES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
  'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ ' +
  'UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK'
).split(' ');

// test-manf.json of 2021-06-30 (JRC device ids). Newer devices are added upstream regularly;
// an unknown one is reported as VALUESET_UNKNOWN, never as a broken certificate structure.
const TEST_MANUFACTURERS = (
  '1833 1232 1468 2108 2130 1304 1822 1815 1736 768 1654 2010 2101 1906 1065 1870 1331 1484 1242 1223 1236 1173 1919 ' +
  '1225 1375 1244 1253 2183 1144 1747 1360 1437 1257 1363 1365 1844 1215 2139 1392 1767 1263 1333 1764 1266 2128 1267 ' +
  '1268 1180 2029 1190 1481 2104 1162 1420 1501 1199 308 2116 1271 1341 1097 1606 1604 1489 1490 1201 344 345 1319 2109 ' +
  '2017 1769 1574 1218 1114 1466 1934 2074 1443 2103 2098 1763 1278 1456 1884 1296 1295 1343'
).split(' ');

export const VALUE_SETS: Readonly<Record<ValueSetId, ValueSet>> = {
  'disease-agent-targeted': set('disease-agent-targeted', '2021-04-27', { '840539006': 'COVID-19' }),
  'vaccine-prophylaxis': set('vaccine-prophylaxis', '2023-01-25', VACCINE_PROPHYLAXIS),
  'vaccine-medicinal-product': set('vaccine-medicinal-product', '2022-01-26', VACCINE_PRODUCTS),
  'vaccine-mah-manf': set('vaccine-mah-manf', '2022-01-26', VACCINE_MANUFACTURERS),
  'country-2-codes': set('country-2-codes', '2019-11-01', COUNTRIES),
  'test-type': set('test-type', '2021-04-27', {
    'LP6464-4': 'Nucleic acid amplification with probe detection',
    'LP217198-3': 'Rapid immunoassay',
  }),
  'test-manf': set('test-manf', '2021-06-30', TEST_MANUFACTURERS),
  'test-result': set('test-result', '2021-04-27', { '260415000': 'Not detected', '260373001': 'Detected' }),
};

export function inValueSet(id: ValueSetId, code: string): boolean {
  return VALUE_SETS[id].values.has(code);
}

export function valueSetDisplay(id: ValueSetId, code: string): string | null {
  return VALUE_SETS[id].values.get(code) || null;
}
