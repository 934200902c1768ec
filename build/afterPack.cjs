/**
 * electron-builder `afterPack` hook: flips Electron's fuses in the packaged executable, after
 * packing and before signing (electron-builder signs after this hook). What each fuse closes:
 *  - RunAsNode off: ELECTRON_RUN_AS_NODE cannot turn the signed app into a Node interpreter
 *    (the app forks nothing: the core and signer host are utility processes).
 *  - EnableNodeOptionsEnvironmentVariable off: NODE_OPTIONS cannot inject code or flags.
 *  - EnableNodeCliInspectArguments off: no --inspect / SIGUSR1 debugger on a clinic PC.
 *  - OnlyLoadAppFromAsar on + EnableEmbeddedAsarIntegrityValidation on: only the app.asar whose
 *    hash electron-builder embedded in the executable is loaded (Windows: Electron ≥ 30).
 *  - GrantFileProtocolExtraPrivileges off: the renderer is served on app://, never file://.
 *  - EnableCookieEncryption on: cookies (none expected) encrypted with the OS keys.
 */
'use strict';

const path = require('node:path');

/** Fuse name → wanted state, in @electron/fuses' FuseV1Options names. */
const FUSES = Object.freeze({
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  OnlyLoadAppFromAsar: true,
  EnableEmbeddedAsarIntegrityValidation: true,
  GrantFileProtocolExtraPrivileges: false,
  EnableCookieEncryption: true,
});

/** The @electron/fuses config for FUSES. */
function fuseConfig(fuses = require('@electron/fuses')) {
  const config = { version: fuses.FuseVersion.V1 };
  for (const [name, value] of Object.entries(FUSES)) {
    const index = fuses.FuseV1Options[name];
    if (index === undefined) throw new Error(`@electron/fuses does not know the fuse ${name}`);
    config[index] = value;
  }
  return config;
}

/**
 * The packaged Electron executable electron-builder just produced, named as its own fuse step
 * names it (appInfo.productFilename already follows win.executableName).
 */
function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, packager.executableName ?? name);
}

async function afterPack(context) {
  const fuses = require('@electron/fuses');
  const binary = electronBinary(context);
  await fuses.flipFuses(binary, fuseConfig(fuses));
  process.stdout.write(`  • fuses flipped  file=${binary}\n`);
}

module.exports = afterPack;
module.exports.FUSES = FUSES;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinary = electronBinary;
