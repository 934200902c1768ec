/**
 * Finds and loads the PKCS#11 module (DESIGN §5): the configured path first, then the known
 * Windows modules in System32, then OpenSC. Every candidate gets a diagnostic line so a clinic's
 * IT person can see which driver was used and why the others were not (missing, 32/64-bit,
 * not PKCS#11, failed to initialise with its CKR).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { signerMessage, type ModuleCandidate, type ModuleReport, type SignerErrorCode } from '../../shared/signer/index.js';
import { isWrongArchitecture, readBinaryInfo } from './binaryArch.js';
import { ckrName } from './ckr.js';
import { OPENSC_MODULES, WINDOWS_SYSTEM32_MODULES } from './knownModules.js';
import { P, type Pkcs11Port, type Pkcs11PortFactory } from './pkcs11Port.js';

export interface LoadedModule {
  path: string;
  port: Pkcs11Port;
}

export interface DiscoveryOptions {
  configured: string | null;
  createPort: Pkcs11PortFactory;
  platform?: NodeJS.Platform;
  systemRoot?: string;
  processArch?: string;
}

type Source = ModuleCandidate['source'];

export function moduleCandidates(opts: DiscoveryOptions): { path: string; source: Source; vendor: string | null }[] {
  const platform = opts.platform ?? process.platform;
  const list: { path: string; source: Source; vendor: string | null }[] = [];
  if (opts.configured) list.push({ path: opts.configured, source: 'configured', vendor: null });
  if (platform === 'win32') {
    const system32 = join(opts.systemRoot ?? process.env.SystemRoot ?? 'C:\\Windows', 'System32');
    for (const m of WINDOWS_SYSTEM32_MODULES) list.push({ path: join(system32, m.file), source: 'windows-table', vendor: m.vendor });
  }
  for (const path of OPENSC_MODULES[platform] ?? []) list.push({ path, source: 'opensc', vendor: 'OpenSC' });
  // The configured path may well be one of the known ones: try each file once.
  return list.filter((c, i) => list.findIndex((o) => o.path === c.path) === i);
}

function candidate(
  base: { path: string; source: Source; vendor: string | null },
  status: ModuleCandidate['status'],
  code: SignerErrorCode | null,
  detail: string | null = null,
  library: ModuleCandidate['library'] = null,
): ModuleCandidate {
  const m = code ? signerMessage(code) : null;
  return { ...base, status, code, message_vi: m?.vi ?? null, message_en: m?.en ?? null, detail, library };
}

const trim = (s: string) => s.replace(/[\s\0]+$/, '');
const version = (v: { major: number; minor: number }) => `${v.major}.${v.minor}`;

/** `C_Initialize({flags: CKF_OS_LOCKING_OK})`; ALREADY_INITIALIZED means another user in this process did it: fine. */
export function initialize(port: Pkcs11Port): void {
  try {
    port.C_Initialize({ flags: P.CKF_OS_LOCKING_OK });
  } catch (err) {
    if (ckrName(err) !== 'CKR_CRYPTOKI_ALREADY_INITIALIZED') throw err;
  }
}

export function finalizeQuietly(port: Pkcs11Port): void {
  try {
    port.C_Finalize();
  } catch {
    // Shutting a module down: nothing useful to do with its complaint.
  }
}

/** What can be told of a candidate without loading it (after another module was chosen). */
function precheck(base: { path: string; source: Source; vendor: string | null }, opts: Pick<DiscoveryOptions, 'processArch'>): ModuleCandidate {
  if (!existsSync(base.path)) return candidate(base, 'missing', 'MODULE_MISSING');
  try {
    const info = readBinaryInfo(base.path);
    if (isWrongArchitecture(info, opts.processArch)) return candidate(base, 'wrong-architecture', 'MODULE_WRONG_ARCHITECTURE', archDetail(info, opts));
  } catch {
    // Unreadable: the loader would say more; it was not needed.
  }
  return candidate(base, 'not-tried', null);
}

function archDetail(info: ReturnType<typeof readBinaryInfo>, opts: Pick<DiscoveryOptions, 'processArch'>): string {
  return `${info.format} ${info.arch} (machine 0x${info.machine?.toString(16)}), process ${opts.processArch ?? process.arch}`;
}

/** Loads and initialises one candidate; on failure says why, never throws. */
export function tryLoad(
  base: { path: string; source: Source; vendor: string | null },
  opts: Pick<DiscoveryOptions, 'createPort' | 'processArch'>,
): { report: ModuleCandidate; module: LoadedModule | null } {
  if (!existsSync(base.path)) return { report: candidate(base, 'missing', 'MODULE_MISSING'), module: null };
  let info;
  try {
    info = readBinaryInfo(base.path);
  } catch (err) {
    return { report: candidate(base, 'load-failed', 'MODULE_LOAD_FAILED', (err as Error).message), module: null };
  }
  if (isWrongArchitecture(info, opts.processArch)) {
    return { report: candidate(base, 'wrong-architecture', 'MODULE_WRONG_ARCHITECTURE', archDetail(info, opts)), module: null };
  }
  const port = opts.createPort();
  try {
    port.load(base.path);
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    // pkcs11js loads with dlopen/LoadLibrary, then looks up C_GetFunctionList (Windows error 127).
    const notPkcs11 = /C_GetFunctionList|procedure could not be found/i.test(text);
    return { report: candidate(base, notPkcs11 ? 'not-pkcs11' : 'load-failed', notPkcs11 ? 'MODULE_NOT_PKCS11' : 'MODULE_LOAD_FAILED', text), module: null };
  }
  try {
    initialize(port);
  } catch (err) {
    return { report: candidate(base, 'init-failed', 'MODULE_INIT_FAILED', ckrName(err) ?? (err as Error).message), module: null };
  }
  let library: ModuleCandidate['library'] = null;
  try {
    const i = port.C_GetInfo();
    library = {
      manufacturer: trim(i.manufacturerID),
      description: trim(i.libraryDescription),
      version: version(i.libraryVersion),
      cryptoki: version(i.cryptokiVersion),
    };
  } catch {
    // C_GetInfo is informational; a module that fails it can still sign.
  }
  return { report: candidate(base, 'loaded', null, null, library), module: { path: base.path, port } };
}

function hasInitializedToken(port: Pkcs11Port): boolean {
  try {
    return port.C_GetSlotList(true).some((slot) => (port.C_GetTokenInfo(slot).flags & P.CKF_TOKEN_INITIALIZED) !== 0);
  } catch {
    return false;
  }
}

/**
 * The configured module wins whenever it loads. Otherwise the first module that has a token
 * present (a PC often has several CA drivers installed, only one of which sees the token), else
 * the first that loaded at all.
 */
export function discoverModule(opts: DiscoveryOptions): { report: ModuleReport; module: LoadedModule | null } {
  const reports: ModuleCandidate[] = [];
  let fallback: { module: LoadedModule; index: number } | null = null;
  let chosen: LoadedModule | null = null;
  for (const base of moduleCandidates(opts)) {
    if (chosen) {
      reports.push(precheck(base, opts));
      continue;
    }
    const { report, module } = tryLoad(base, opts);
    reports.push(report);
    if (!module) continue;
    if (base.source === 'configured' || hasInitializedToken(module.port)) {
      chosen = module;
      if (fallback) {
        finalizeQuietly(fallback.module.port);
        reports[fallback.index] = { ...reports[fallback.index]!, status: 'no-token' };
        fallback = null;
      }
    } else if (!fallback) {
      fallback = { module, index: reports.length - 1 };
    } else {
      finalizeQuietly(module.port);
      reports[reports.length - 1] = { ...report, status: 'no-token' };
    }
  }
  const module = chosen ?? fallback?.module ?? null;
  return { report: { loaded: module?.path ?? null, candidates: reports }, module };
}
