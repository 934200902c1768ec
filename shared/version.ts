/** The station's version (kept equal to package.json's by test/unit/version.test.ts). */
export const STATION_VERSION = '0.1.0';
