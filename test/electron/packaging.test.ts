// The Windows installer's configuration, checked without any download: the fields the station
// relies on, electron-builder's own schema validation (app-builder-lib's validateConfiguration),
// its NSIS language step for Vietnamese + English, the native addons kept out of the asar, the
// icon, and the afterPack hook flipping the fuses in an executable built to look like Electron's.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const CONFIG = join(root, 'build/electron-builder.config.cjs');
const AFTER_PACK = join(root, 'build/afterPack.cjs');

interface BuilderConfig {
  productName: string;
  extraMetadata: { main: string };
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  afterPack: string;
  electronVersion: string;
  electronDist?: string;
  win: { target: { target: string; arch: string[] }[]; icon: string };
  nsis: Record<string, unknown>;
}

function loadConfig(env: Record<string, string | undefined> = {}): BuilderConfig {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  try {
    delete require.cache[require.resolve(CONFIG)];
    return structuredClone(require(CONFIG) as BuilderConfig);
  } finally {
    process.env = saved;
  }
}

const debugLogger = () => {
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  return new DebugLogger(false);
};
// minimatch 3 (electron-builder's own matcher here) exports the function itself.
const minimatch = require('minimatch') as (path: string, pattern: string, opts?: object) => boolean;
const validate = (config: unknown) =>
  (require('app-builder-lib/out/util/config/config.js') as { validateConfiguration(c: unknown, l: unknown): Promise<void> }).validateConfiguration(config, debugLogger());

describe('electron-builder configuration', () => {
  const config = loadConfig({ ELECTRON_DIST: undefined });

  it('passes electron-builder’s own schema validation', async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('is really validated (a misspelt option is refused)', async () => {
    await expect(validate({ ...config, nsis: { ...config.nsis, perMachin: false } })).rejects.toThrow(/configuration/i);
  });

  it('builds a per-user NSIS installer for Windows x64 in Vietnamese and English', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false, deleteAppDataOnUninstall: false });
    expect(config.nsis.installerLanguages).toEqual(['vi_VN', 'en_US']);
    const { lcid } = require('app-builder-lib/out/util/langs.js') as { lcid: Record<string, number> };
    expect(Number(config.nsis.language)).toBe(lcid.vi_VN);
  });

  it('gives NSIS the Vietnamese and English language packs (electron-builder’s own step)', () => {
    const { LangConfigurator, createAddLangsMacro } = require('app-builder-lib/out/targets/nsis/nsisLang.js') as {
      LangConfigurator: new (o: unknown) => { langs: string[] };
      createAddLangsMacro(g: { macro(name: string, lines: string[]): void }, l: unknown): void;
    };
    const langs = new LangConfigurator(config.nsis);
    expect(langs.langs).toEqual(['vi_VN', 'en_US']);
    const macros: string[][] = [];
    createAddLangsMacro({ macro: (_name, lines) => macros.push(lines) }, langs);
    expect(macros).toEqual([['!insertmacro MUI_LANGUAGE "Vietnamese"', '!insertmacro MUI_LANGUAGE "English"']]);
  });

  it('never rebuilds native modules itself (the nodedir=/usr trap) and pins Electron', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.electronVersion).toBe((require(join(root, 'node_modules/electron/package.json')) as { version: string }).version);
  });

  it('keeps every native addon of better-sqlite3 and pkcs11js outside the asar', () => {
    const addons = ['node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/pkcs11js/build/Release/pkcs11.node'];
    for (const addon of addons) expect(config.asarUnpack.some((p) => minimatch(addon, p, { dot: true })), addon).toBe(true);
    expect(config.asarUnpack.some((p) => minimatch('node_modules/better-sqlite3/lib/index.js', p))).toBe(false);
  });

  it('packs the built app, the renderer and the preload, and starts at the built shell', () => {
    const included = (file: string) => {
      let inside = false;
      for (const p of config.files) {
        if (p.startsWith('!')) {
          if (minimatch(file, p.slice(1), { dot: true })) inside = false;
        } else if (minimatch(file, p, { dot: true })) inside = true;
      }
      return inside;
    };
    expect(config.extraMetadata.main).toBe('dist/electron/main/main.js');
    for (const f of [config.extraMetadata.main, 'dist/electron/main/coreProcess.js', 'dist/electron/signer/main.js', 'dist/shared/rpc/contract.js', 'dist/renderer/index.html', 'electron/preload/preload.cjs', 'package.json']) {
      expect(included(f), f).toBe(true);
    }
    for (const f of ['dist/test/fixtures/softhsm.js', 'dist/electron/main/main.js.map', 'electron/main/main.ts', 'test/electron/main.test.ts']) expect(included(f), f).toBe(false);
  });

  it('takes an unpacked Electron from ELECTRON_DIST for offline builds', async () => {
    const offline = loadConfig({ ELECTRON_DIST: 'C:\\electron-v45.4.1-win32-x64' });
    expect(offline.electronDist).toBe('C:\\electron-v45.4.1-win32-x64');
    await expect(validate(offline)).resolves.toBeUndefined();
    expect(config).not.toHaveProperty('electronDist');
  });

  it('has a Windows icon with a 256 px image and names files that exist', () => {
    const ico = readFileSync(join(root, config.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toContain(256);
    expect(sizes).toContain(16);
    for (const f of [config.afterPack, config.nsis.installerIcon as string]) expect(() => readFileSync(join(root, f))).not.toThrow();
  });
});

describe('afterPack: fuses', () => {
  const fuses = require('@electron/fuses') as {
    FuseV1Options: Record<string, number>;
    getCurrentFuseWire(path: string): Promise<Record<string, unknown>>;
  };
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'station-fuses-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** An executable with Electron's fuse wire: sentinel, version 1, length, states ('0' off, '1' on). */
  function fakeElectronExe(name: string, states: string): string {
    const file = join(dir, name);
    const body = Buffer.concat([Buffer.from('MZ fake PE header ... '), Buffer.from(SENTINEL), Buffer.from([1, states.length]), Buffer.from(states), Buffer.from(' rest of binary')]);
    writeFileSync(file, body);
    return file;
  }

  it('flips the fuses in the packaged Windows executable', async () => {
    const afterPack = require(AFTER_PACK) as ((context: unknown) => Promise<void>) & { FUSES: Record<string, boolean> };
    // Electron's defaults (RunAsNode, NODE_OPTIONS, --inspect, file:// privileges on), plus one
    // fuse newer than @electron/fuses knows: it must be left as it is.
    const exe = fakeElectronExe('VaccinePassportStation.exe', '101100011');
    await afterPack({ appOutDir: dir, electronPlatformName: 'win32', packager: { appInfo: { productFilename: 'VaccinePassportStation' } } });
    const wire = await fuses.getCurrentFuseWire(exe);
    const state = (name: string) => wire[fuses.FuseV1Options[name]!];
    const ON = 49;
    const OFF = 48;
    expect(state('RunAsNode')).toBe(OFF);
    expect(state('EnableNodeOptionsEnvironmentVariable')).toBe(OFF);
    expect(state('EnableNodeCliInspectArguments')).toBe(OFF);
    expect(state('OnlyLoadAppFromAsar')).toBe(ON);
    expect(state('EnableEmbeddedAsarIntegrityValidation')).toBe(ON);
    expect(state('GrantFileProtocolExtraPrivileges')).toBe(OFF);
    expect(state('EnableCookieEncryption')).toBe(ON);
    expect(wire[8]).toBe(ON);
    expect(Object.keys(afterPack.FUSES)).toHaveLength(7);
  });

  it('fails the build when the executable has no fuse wire', async () => {
    const afterPack = require(AFTER_PACK) as (context: unknown) => Promise<void>;
    writeFileSync(join(dir, 'Broken.exe'), 'MZ not electron');
    await expect(afterPack({ appOutDir: dir, electronPlatformName: 'win32', packager: { appInfo: { productFilename: 'Broken' } } })).rejects.toThrow(/sentinel/);
  });

  it('names the executable as electron-builder does on each platform', () => {
    const { electronBinary } = require(AFTER_PACK) as { electronBinary(c: unknown): string };
    const packager = { appInfo: { productFilename: 'VaccinePassportStation' }, executableName: 'vaccine-passport-station' };
    expect(relative(dir, electronBinary({ appOutDir: dir, electronPlatformName: 'win32', packager }))).toBe('VaccinePassportStation.exe');
    expect(relative(dir, electronBinary({ appOutDir: dir, electronPlatformName: 'linux', packager }))).toBe('vaccine-passport-station');
    expect(relative(dir, electronBinary({ appOutDir: dir, electronPlatformName: 'darwin', packager }))).toBe('VaccinePassportStation.app');
  });
});
