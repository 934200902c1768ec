// A 32-bit vendor DLL on a 64-bit station is the commonest "token not working" call: the host
// says so from the file header instead of the loader's cryptic error.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isWrongArchitecture, readBinaryInfo } from '../../../electron/signer/binaryArch.js';

const dir = mkdtempSync(join(tmpdir(), 'station-arch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function elf(machine: number, bigEndian = false): string {
  const b = Buffer.alloc(64);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, bigEndian ? 2 : 1, 1]);
  if (bigEndian) b.writeUInt16BE(machine, 18);
  else b.writeUInt16LE(machine, 18);
  const path = join(dir, `elf-${machine}-${bigEndian}.so`);
  writeFileSync(path, b);
  return path;
}

function pe(machine: number): string {
  const b = Buffer.alloc(0x100);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(machine, 0x84);
  const path = join(dir, `pe-${machine}.dll`);
  writeFileSync(path, b);
  return path;
}

describe('binary header architecture', () => {
  it('reads ELF machines (x86-64, i386, AArch64, big-endian ARM)', () => {
    expect(readBinaryInfo(elf(0x3e))).toMatchObject({ format: 'elf', arch: 'x64' });
    expect(readBinaryInfo(elf(0x03))).toMatchObject({ format: 'elf', arch: 'ia32' });
    expect(readBinaryInfo(elf(0xb7))).toMatchObject({ format: 'elf', arch: 'arm64' });
    expect(readBinaryInfo(elf(0x28, true))).toMatchObject({ format: 'elf', arch: 'arm', machine: 0x28 });
  });

  it('reads PE machines: a 32-bit DLL is wrong for an x64 station, an AMD64 one is right', () => {
    const dll32 = readBinaryInfo(pe(0x14c));
    expect(dll32).toMatchObject({ format: 'pe', arch: 'ia32' });
    expect(isWrongArchitecture(dll32, 'x64')).toBe(true);
    expect(isWrongArchitecture(readBinaryInfo(pe(0x8664)), 'x64')).toBe(false);
    expect(readBinaryInfo(pe(0xaa64)).arch).toBe('arm64');
  });

  it('leaves unknown files to the loader (no architecture claim)', () => {
    const path = join(dir, 'text.so');
    writeFileSync(path, 'not a library');
    const info = readBinaryInfo(path);
    expect(info).toEqual({ format: 'unknown', arch: null, machine: null });
    expect(isWrongArchitecture(info, 'x64')).toBe(false);
  });

  it.runIf(existsSync('/usr/lib/softhsm/libsofthsm2.so'))('reads the installed SoftHSM module as this machine’s architecture', () => {
    const info = readBinaryInfo('/usr/lib/softhsm/libsofthsm2.so');
    expect(info.format).toBe('elf');
    expect(isWrongArchitecture(info)).toBe(false);
  });
});
