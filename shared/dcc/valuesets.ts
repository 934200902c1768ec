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
  Vidprevtyn: 'Vidprevtyn (deprecated)',
  VLA2001: 'VLA2001 (deprecated)',
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
  // Releases 2.9.0–2.10.0 and Annex A of the same repository (vaccine-encoding-instructions.json
  // of 2022-12-12, annex-A/table.tsv): the EMA ids of VLA2001 and Vidprevtyn, whose old ids are
  // deprecated above, and Bimervax.
  'EU/1/21/1624': 'COVID-19 Vaccine Valneva',
  'EU/1/21/1580': 'VidPrevtyn Beta',
  'EU/1/22/1709': 'Bimervax',
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
  'ORG-100036914': 'Hipra Human Health S.L.',
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

// test-manf.json of 2021-07-15 (JRC device ids and names), the last copy the value-set repository
// kept before the list moved to the DCC Gateway. Newer devices are added there regularly; an
// unknown one is reported as VALUESET_UNKNOWN, never as a broken certificate structure.
const TEST_MANUFACTURERS: Record<string, string> = {
  '1833': 'AAZ-LMB, COVID-VIRO',
  '1232': 'Abbott Rapid Diagnostics, Panbio COVID-19 Ag Rapid Test',
  '1457': 'Acon Biotech (Hangzhou) Co., Ltd, SARS-CoV-2 Antigen Rapid Test',
  '1468': 'ACON Laboratories, Inc, Flowflex SARS-CoV-2 Antigen rapid test',
  '2108': 'AESKU.DIAGNOSTICS GmbH & Co. KG, AESKU.RAPID SARS-CoV-2',
  '2130': 'Affimedix, Inc., TestNOW® - COVID-19 Antigen Test',
  '1304': 'AMEDA Labordiagnostik GmbH, AMP Rapid Test SARS-CoV-2 Ag',
  '1822': 'Anbio (Xiamen) Biotechnology Co., Ltd, Rapid COVID-19 Antigen Test(Colloidal Gold)',
  '1815': 'Anhui Deep Blue Medical Technology Co., Ltd, COVID-19 (SARS-CoV-2) Antigen Test Kit (Colloidal Gold) - Nasal Swab',
  '1736': 'Anhui Deep Blue Medical Technology Co., Ltd, COVID-19 (SARS-CoV-2) Antigen Test Kit(Colloidal Gold)',
  '768': 'ArcDia International Ltd, mariPOC SARS-CoV-2',
  '2079': 'ArcDia International Oy Ltd, mariPOC Quick Flu+',
  '2078': 'ArcDia International Oy Ltd, mariPOC Respi+',
  '1618': 'Artron Laboratories Inc, Artron COVID-19 Antigen Test',
  '1654': 'Asan Pharmaceutical CO., LTD, Asan Easy Test COVID-19 Ag',
  '770': 'Assure Tech. (Hangzhou) Co., Ltd, ECOTEST COVID-19 Antigen Rapid Test Device',
  '2010': 'Atlas Link Technology Co., Ltd., NOVA Test® SARS-CoV-2 Antigen Rapid Test Kit (Colloidal Gold Immunochromatography)',
  '1800': 'AVALUN SAS, Ksmart® SARS-COV2 Antigen Rapid Test',
  '2101': 'AXIOM Gesellschaft für Diagnostica und Biochemica mbH, COVID-19 Antigen Rapid Test',
  '1906': 'Azure Biotech Inc, COVID-19 Antigen Rapid Test Device',
  '1065': 'Becton Dickinson, BD Veritor™ System for Rapid Detection of SARS CoV 2',
  '1870': 'Beijing Hotgen Biotech Co., Ltd, Novel Coronavirus 2019-nCoV Antigen Test (Colloidal Gold)',
  '2072': 'Beijing Jinwofu Bioengineering Technology Co.,Ltd., Novel Coronavirus (SARS-CoV-2) Antigen Rapid Test Kit',
  '1331': 'Beijing Lepu Medical Technology Co., Ltd, SARS-CoV-2 Antigen Rapid Test Kit',
  '1485': 'Beijing Wantai Biological Pharmacy Enterprise Co., Ltd, Wantai SARS-CoV-2 Ag Rapid Test (colloidal gold)',
  '1484': 'Beijing Wantai Biological Pharmacy Enterprise Co., Ltd, Wantai SARS-CoV-2 Ag Rapid Test (FIA)',
  '2031': 'Bio-Rad Laboratories / Zhejiang Orient Gene Biotech, Coronavirus Ag Rapid Test Cassette (Swab)',
  '1599': 'Biomerica, Inc., Biomerica COVID-19 Antigen Rapid Test (nasopharyngeal swab)',
  '1242': 'Bionote, Inc, NowCheck COVID-19 Ag Test',
  '1223': 'BIOSYNEX S.A., BIOSYNEX COVID-19 Ag BSS',
  '1494': 'BIOSYNEX S.A., BIOSYNEX COVID-19 Ag+ BSS',
  '2067': 'BIOTEKE CORPORATION (WUXI) CO., LTD, SARS-CoV-2 Antigen Test Kit (colloidal gold method)',
  '1236': 'BTNX Inc, Rapid Response COVID-19 Antigen Rapid Test',
  '1173': 'CerTest Biotec, CerTest SARS-CoV-2 Card test',
  '1919': 'Core Technology Co., Ltd, Coretests COVID-19 Ag Test',
  '1581': 'CTK Biotech, Inc, OnSite COVID-19 Ag Rapid Test',
  '1225': 'DDS DIAGNOSTIC, Test Rapid Covid-19 Antigen (tampon nazofaringian)',
  '1375': 'DIALAB GmbH, DIAQUICK COVID-19 Ag Cassette',
  '1243': 'Edinburgh Genetics Limited, ActivXpress+ COVID-19 Antigen Complete Testing Kit',
  '1739': 'Eurobio Scientific, EBS SARS-CoV-2 Ag Rapid Test',
  '2147': 'Fujirebio, ESPLINE SARS-CoV-2',
  '1244': 'GenBody, Inc, Genbody COVID-19 Ag Test',
  '2012': 'Genrui Biotech Inc, SARS-CoV-2 Antigen Test Kit (Colloidal Gold)',
  '1253': 'GenSure Biotech Inc, GenSure COVID-19 Antigen Rapid Kit',
  '1820': 'Getein Biotech, Inc, SARS-CoV-2 Antigen (Colloidal Gold)',
  '2183': 'Getein Biotech, Inc., One Step Test for SARS-CoV-2 Antigen (Colloidal Gold)',
  '1197': 'Goldsite Diagnostics Inc, SARS-CoV-2 Antigen Kit (Colloidal Gold)',
  '1144': 'Green Cross Medical Science Corp., GENEDIA W COVID-19 Ag',
  '1747': 'Guangdong Hecin Scientific, Inc., 2019-nCoV Antigen Test Kit (colloidal gold method)',
  '1216': 'Guangdong Longsee Biomedical Co., Ltd, COVID-19 Ag Rapid Test Kit (Immuno-Chromatography)',
  '1360': 'Guangdong Wesail Biotech Co., Ltd, COVID-19 Ag Test Kit',
  '1324': 'Guangzhou Decheng Biotechnology Co., LTD, V-CHEK, 2019-nCoV Ag Rapid Test Kit (Immunochromatography)',
  '1437': 'Guangzhou Wondfo Biotech Co., Ltd, Wondfo 2019-nCoV Antigen Test (Lateral Flow Method)',
  '1257': 'Hangzhou AllTest Biotech Co., Ltd, COVID-19 Antigen Rapid Test',
  '1610': 'Hangzhou Clongene Biotech Co., Ltd, COVID-19 Antigen Rapid Test Cassette',
  '1363': 'Hangzhou Clongene Biotech Co., Ltd, Covid-19 Antigen Rapid Test Kit',
  '1365': 'Hangzhou Clongene Biotech Co., Ltd, COVID-19/Influenza A+B Antigen Combo Rapid Test',
  '1844': 'Hangzhou Immuno Biotech Co.,Ltd, Immunobio SARS-CoV-2 Antigen ANTERIOR NASAL Rapid Test Kit (minimal invasive)',
  '1215': 'Hangzhou Laihe Biotech Co., Ltd, LYHER Novel Coronavirus (COVID-19) Antigen Test Kit(Colloidal Gold)',
  '2139': 'HANGZHOU LYSUN BIOTECHNOLOGY CO., LTD., COVID-19 Antigen Rapid Test Device（Colloidal Gold）',
  '1392': 'Hangzhou Testsea Biotechnology Co., Ltd, COVID-19 Antigen Test Cassette',
  '1767': 'Healgen Scientific, Coronavirus Ag Rapid Test Cassette',
  '1263': 'Humasis, Humasis COVID-19 Ag Test',
  '2107': 'Jiangsu Bioperfectus Technologies Co., Ltd., Novel Corona Virus (SARS-CoV-2) Ag Rapid Test Kit',
  '1920': 'Jiangsu Diagnostics Biotechnology Co.,Ltd., COVID-19 Antigen Rapid Test Cassette (Colloidal Gold)',
  '2006': 'Jiangsu Medomics medical technology Co.,Ltd., SARS-CoV-2 antigen Test Kit (LFIA)',
  '1333': 'Joinstar Biomedical Technology Co., Ltd, COVID-19 Rapid Antigen Test (Colloidal Gold)',
  '1764': 'JOYSBIO (Tianjin) Biotechnology Co., Ltd, SARS-CoV-2 Antigen Rapid Test Kit (Colloidal Gold)',
  '1266': 'Labnovation Technologies Inc, SARS-CoV-2 Antigen Rapid Test Kit',
  '2128': 'Lumigenex (Suzhou) Co., Ltd, PocRoc®SARS-CoV-2 Antigen Rapid Test Kit (Colloidal Gold)',
  '1267': 'LumiQuick Diagnostics Inc, QuickProfile COVID-19 Antigen Test',
  '1268': 'LumiraDX, LumiraDx SARS-CoV-2 Ag Test',
  '1180': 'MEDsan GmbH, MEDsan SARS-CoV-2 Antigen Rapid Test',
  '2029': 'Merlin Biomedical (Xiamen) Co., Ltd., SARS-CoV-2 Antigen Rapid Test Cassette',
  '1775': 'MEXACARE GmbH, MEXACARE COVID-19 Antigen Rapid Test',
  '1190': 'möLab, mö-screen Corona Antigen Test',
  '1481': 'MP Biomedicals, Rapid SARS-CoV-2 Antigen Test Card',
  '2104': 'Nal von minden GmbH, NADAL COVID -19 Ag +Influenza A/B Test',
  '1162': 'Nal von minden GmbH, NADAL COVID-19 Ag Test',
  '1420': 'NanoEntek, FREND COVID-19 Ag',
  '2200': 'NanoRepro AG, NanoRepro SARS-CoV-2 Antigen Rapid Test',
  '1501': 'New Gene (Hangzhou) Bioengineering Co., Ltd, COVID-19 Antigen Detection Kit',
  '1199': 'Oncosem Onkolojik Sistemler San. ve Tic. A.S., CAT',
  '308': 'PCL Inc, PCL COVID19 Ag Rapid FIA',
  '2243': 'PCL Inc., PCL COVID19 Ag Gold',
  '2116': 'PerGrande BioTech Development Co., Ltd., SARS-CoV-2 Antigen Detection Kit (Colloidal Gold Immunochromatographic Assay)',
  '1271': 'Precision Biosensor, Inc, Exdia COVID-19 Ag',
  '1495': 'Prognosis Biotech, Rapid Test Ag 2019-nCov',
  '1341': 'Qingdao Hightop Biotech Co., Ltd, SARS-CoV-2 Antigen Rapid Test (Immunochromatography)',
  '1097': 'Quidel Corporation, Sofia SARS Antigen FIA',
  '1606': 'RapiGEN Inc, BIOCREDIT COVID-19 Ag - SARS-CoV 2 Antigen test',
  '1604': 'Roche (SD BIOSENSOR), SARS-CoV-2 Rapid Antigen Test',
  '2228': 'Roche (SD BIOSENSOR), SARS-CoV-2 Rapid Antigen Test Nasal',
  '1489': 'Safecare Biotech (Hangzhou) Co. Ltd, COVID-19 Antigen Rapid Test Kit (Swab)',
  '1490': 'Safecare Biotech (Hangzhou) Co. Ltd, Multi-Respiratory Virus Antigen Test Kit(Swab)  (Influenza A+B/ COVID-19)',
  '1201': 'ScheBo Biotech AG, ScheBo SARS CoV-2 Quick Antigen',
  '344': 'SD BIOSENSOR Inc, STANDARD F COVID-19 Ag FIA',
  '345': 'SD BIOSENSOR Inc, STANDARD Q COVID-19 Ag Test',
  '2052': 'SD BIOSENSOR Inc, STANDARD Q COVID-19 Ag Test Nasal',
  '1319': 'SGA Medikal, V-Chek SARS-CoV-2 Ag Rapid Test Kit (Colloidal Gold)',
  '1357': 'SGA Medikal, V-Chek SARS-CoV-2 Rapid Ag Test (colloidal gold)',
  '2109': 'Shenzhen Lvshiyuan Biotechnology Co., Ltd., Green Spring SARS-CoV-2 Antigen-Rapid test-Set',
  '1967': 'Shenzhen Microprofit Biotech Co., Ltd, SARS-CoV-2 Antigen Test Kit (Colloidal Gold Chromatographic Immunoassay)',
  '2017': 'Shenzhen Ultra-Diagnostics Biotec.Co.,Ltd, SARS-CoV-2 Antigen Test Kit',
  '1769': 'Shenzhen Watmind Medical Co., Ltd, SARS-CoV-2 Ag Diagnostic Test Kit (Colloidal Gold)',
  '1768': 'Shenzhen Watmind Medical Co., Ltd, SARS-CoV-2 Ag Diagnostic Test Kit (Immuno-fluorescence)',
  '1574': 'Shenzhen Zhenrui Biotechnology Co., Ltd, Zhenrui ®COVID-19 Antigen Test Cassette',
  '1218': 'Siemens Healthineers, CLINITEST Rapid Covid-19 Antigen Test',
  '1114': 'Sugentech, Inc, SGTi-flex COVID-19 Ag',
  '1466': 'TODA PHARMA, TODA CORONADIAG Ag',
  '1934': 'Tody Laboratories Int., Coronavirus (SARS-CoV 2) Antigen - Oral Fluid',
  '2074': 'Triplex International Biosciences (China) Co., LTD., SARS-CoV-2 Antigen Rapid Test Kit',
  '1465': 'Triplex International Biosciences Co., Ltd, SARS-CoV-2 Antigen Rapid Test Kit',
  '1443': 'Vitrosens Biotechnology Co., Ltd, RapidFor SARS-CoV-2 Rapid Ag Test',
  '2103': 'VivaChek Biotech (Hangzhou) Co., Ltd, VivaDiag Pro SARS-CoV-2 Ag Rapid Test',
  '2098': 'Wuhan EasyDiagnosis Biomedicine Co., Ltd., COVID-19 (SARS-CoV-2) Antigen Test Kit',
  '1773': 'Wuhan Life Origin Biotech Joint Stock Co., Ltd., The SARS-CoV-2 Antigen Assay Kit (Immunochromatography)',
  '2090': 'Wuhan UNscience Biotechnology Co., Ltd., SARS-CoV-2 Antigen Rapid Test Kit',
  '1763': 'Xiamen AmonMed Biotechnology Co., Ltd, COVID-19 Antigen Rapid Test Kit (Colloidal Gold)',
  '1278': 'Xiamen Boson Biotech Co. Ltd, Rapid SARS-CoV-2 Antigen Test Card',
  '1456': 'Xiamen Wiz Biotech Co., Ltd, SARS-CoV-2 Antigen Rapid Test',
  '1884': 'Xiamen Wiz Biotech Co., Ltd, SARS-CoV-2 Antigen Rapid Test (Colloidal Gold)',
  '1296': 'Zhejiang Anji Saianfu Biotech Co., Ltd, AndLucky COVID-19 Antigen Rapid Test',
  '1295': 'Zhejiang Anji Saianfu Biotech Co., Ltd, reOpenTest COVID-19 Antigen Rapid Test',
  '1343': 'Zhezhiang Orient Gene Biotech Co., Ltd, Coronavirus Ag Rapid Test Cassette (Swab)',
  '1957': 'Zhuhai Lituo Biotechnology Co., Ltd, COVID-19 Antigen Detection Kit (Colloidal Gold)',
};

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
  'test-manf': set('test-manf', '2021-07-15', TEST_MANUFACTURERS),
  'test-result': set('test-result', '2021-04-27', { '260415000': 'Not detected', '260373001': 'Detected' }),
};

export function inValueSet(id: ValueSetId, code: string): boolean {
  return VALUE_SETS[id].values.has(code);
}

export function valueSetDisplay(id: ValueSetId, code: string): string | null {
  return VALUE_SETS[id].values.get(code) || null;
}

/** What to show for a code: the value set's (English) name, else the code itself. */
export function valueSetName(id: ValueSetId, code: string): string {
  return valueSetDisplay(id, code) ?? code;
}
