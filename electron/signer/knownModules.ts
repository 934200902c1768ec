/**
 * Where PKCS#11 modules live (DESIGN §5). A DATA table: a new CA driver is one line. Windows
 * modules are looked up in %SystemRoot%\System32, in this order; OpenSC comes last everywhere.
 */
export interface KnownModule {
  vendor: string;
  file: string;
}

export const WINDOWS_SYSTEM32_MODULES: readonly KnownModule[] = [
  { vendor: 'Viettel-CA', file: 'viettel-ca_v6.dll' },
  { vendor: 'Viettel-CA', file: 'viettel-ca_v5.dll' },
  { vendor: 'Viettel-CA', file: 'viettel-ca_v4.dll' },
  { vendor: 'Viettel-CA', file: 'viettel-ca_v3.dll' },
  { vendor: 'Viettel-CA', file: 'viettel-ca_v2.dll' },
  { vendor: 'VNPT-CA', file: 'vnptca_p11_v8.dll' },
  { vendor: 'VNPT-CA', file: 'vnpt-ca_csp11.dll' },
  { vendor: 'BKAV-CA', file: 'BkavCA.dll' },
  { vendor: 'FPT-CA', file: 'fpt-ca.dll' },
  { vendor: 'NCCA / CA2', file: 'nca_v6.dll' },
  { vendor: 'Vina-CA', file: 'vina-ca_v5.dll' },
  { vendor: 'Feitian ePass2003', file: 'eps2003csp11.dll' },
  { vendor: 'Feitian / Shuttle', file: 'ShuttleCsp11_3003.dll' },
  { vendor: 'SafeNet eToken', file: 'eTPKCS11.dll' },
];

/** OpenSC's module at its usual install places, per platform. */
export const OPENSC_MODULES: Readonly<Record<string, readonly string[]>> = {
  win32: ['C:\\Program Files\\OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll'],
  darwin: ['/Library/OpenSC/lib/opensc-pkcs11.so', '/usr/local/lib/opensc-pkcs11.so'],
  linux: [
    '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so',
    '/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so',
    '/usr/lib64/opensc-pkcs11.so',
    '/usr/lib/opensc-pkcs11.so',
  ],
};
