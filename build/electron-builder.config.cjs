/**
 * electron-builder configuration: the Windows x64 NSIS installer of the station (DESIGN §2).
 *   npx electron-builder --win nsis --x64 --config build/electron-builder.config.cjs
 * Read build/README.md first: native modules must be rebuilt for Electron on the build machine
 * (npmRebuild is off on purpose), and ELECTRON_DIST allows an offline build.
 */
'use strict';

/** An unpacked Electron 45.4.1 for win32-x64 (folder with electron.exe), for machines without GitHub access. */
const electronDist = process.env.ELECTRON_DIST || null;

module.exports = {
  appId: 'vn.vaccine-passport.station',
  productName: 'VaccinePassportStation',
  copyright: 'Copyright © 2021–2024',
  electronVersion: '45.4.1',
  ...(electronDist ? { electronDist } : {}),
  directories: { output: 'release', buildResources: 'build' },
  // package.json has no "main" (it is the CLI's package too); the app's entry is the built shell.
  extraMetadata: { main: 'dist/electron/main/main.js' },
  files: [
    'package.json',
    'dist/electron/**/*.js',
    'dist/shared/**/*.js',
    'dist/renderer/**/*',
    // The sandboxed preload is hand-written CommonJS (see its header), used from the source tree.
    'electron/preload/preload.cjs',
    '!dist/test/**',
    '!dist/electron/cli/**',
    // The fonts the CLI's certificate PDF embeds (certificatePdf.ts); the app prints through Chromium.
    '!node_modules/dejavu-fonts-ttf/**',
    '!**/*.{map,d.ts,tsbuildinfo}',
  ],
  asar: true,
  // Native addons cannot be loaded from inside the archive (LoadLibrary needs a real file).
  asarUnpack: ['**/node_modules/better-sqlite3/**/*.node', '**/node_modules/pkcs11js/**/*.node'],
  // A rebuild here would inherit npm's nodedir=/usr and silently produce a Node 20 binary
  // (TOOLCHAIN). The build machine rebuilds for Electron first (build/README.md).
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  // Chromium UI strings: Vietnamese and English only (smaller install).
  electronLanguages: ['vi', 'en-US'],
  afterPack: 'build/afterPack.cjs',
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'build/icon.ico',
    executableName: 'VaccinePassportStation',
    requestedExecutionLevel: 'asInvoker',
  },
  nsis: {
    oneClick: false,
    // Per-user: no administrator rights needed on clinic PCs; data stays in the user's %APPDATA%.
    perMachine: false,
    allowElevation: false,
    allowToChangeInstallationDirectory: true,
    installerLanguages: ['vi_VN', 'en_US'],
    // LCID 1066 = Vietnamese: the installer's default language.
    language: '1066',
    multiLanguageInstaller: true,
    unicode: true,
    installerIcon: 'build/icon.ico',
    uninstallerIcon: 'build/icon.ico',
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'Trạm ký hộ chiếu vắc xin',
    // The queue (signed batches not yet synced) must survive an uninstall/reinstall.
    deleteAppDataOnUninstall: false,
    artifactName: '${productName}-Setup-${version}-x64.${ext}',
  },
};
