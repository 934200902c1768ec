/**
 * Reads the machine field of a library's header BEFORE loading it: loading a 32-bit vendor DLL
 * into a 64-bit process only says "not a valid Win32 application" (or "wrong ELF class"), which
 * no clinic can act on. ELF e_machine (System V ABI), PE COFF Machine (Microsoft PE format §3.3.1).
 */
import { closeSync, openSync, readSync } from 'node:fs';

export type BinaryArch = 'x64' | 'ia32' | 'arm64' | 'arm' | 'other';

export interface BinaryInfo {
  format: 'elf' | 'pe' | 'macho' | 'unknown';
  arch: BinaryArch | null;
  /** The raw machine value, for the diagnostic text. */
  machine: number | null;
}

const ELF_MACHINES: Record<number, BinaryArch> = { 0x03: 'ia32', 0x3e: 'x64', 0x28: 'arm', 0xb7: 'arm64' };
const PE_MACHINES: Record<number, BinaryArch> = { 0x14c: 'ia32', 0x8664: 'x64', 0x1c0: 'arm', 0x1c4: 'arm', 0xaa64: 'arm64' };

function readHead(path: string, length: number, position = 0): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = new Uint8Array(length);
    const n = readSync(fd, buf, 0, length, position);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export function readBinaryInfo(path: string): BinaryInfo {
  const head = readHead(path, 64);
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (head.length >= 20 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) {
    const littleEndian = head[5] !== 2;
    const machine = view.getUint16(18, littleEndian);
    return { format: 'elf', arch: ELF_MACHINES[machine] ?? 'other', machine };
  }
  if (head.length >= 64 && head[0] === 0x4d && head[1] === 0x5a) {
    const peOffset = view.getUint32(0x3c, true);
    const pe = readHead(path, 6, peOffset);
    if (pe.length === 6 && pe[0] === 0x50 && pe[1] === 0x45 && pe[2] === 0 && pe[3] === 0) {
      const machine = pe[4]! | (pe[5]! << 8);
      return { format: 'pe', arch: PE_MACHINES[machine] ?? 'other', machine };
    }
    return { format: 'pe', arch: null, machine: null };
  }
  if (head.length >= 4) {
    const magic = view.getUint32(0, false);
    if (magic === 0xcffaedfe || magic === 0xcefaedfe || magic === 0xcafebabe) return { format: 'macho', arch: null, machine: null };
  }
  return { format: 'unknown', arch: null, machine: null };
}

/** True when the header says the library cannot load into this process (unknown formats are left to the loader). */
export function isWrongArchitecture(info: BinaryInfo, processArch: string = process.arch): boolean {
  return info.arch !== null && info.arch !== processArch;
}
