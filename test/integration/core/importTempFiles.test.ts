// Probe 16, F6: an RPC import writes the uploaded bytes to `tmp/upload-<uuid>` in the data folder
// for the duration of the call. A write that fails (the disk fills up half-way) must not leave
// the part written, which holds the disk's last free space; files a crash left are removed when
// the station opens. The full disk is a small tmpfs (root only: skipped where mount is not
// permitted).
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, fstatSync, ftruncateSync, mkdirSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { RpcClient, RpcError } from '../../../shared/rpc/client.js';
import { makeTempDir } from '../../fixtures/clinicFiles.js';

let tmp: ReturnType<typeof makeTempDir>;
let station: StationCore | null = null;
let mounted: string | null = null;

beforeEach(() => {
  tmp = makeTempDir('station-import-tmp-');
});
afterEach(async () => {
  await station?.close();
  station = null;
  if (mounted !== null) execFileSync('umount', [mounted]);
  mounted = null;
  tmp.cleanup();
});

function tmpFiles(dataDir: string): string[] {
  return existsSync(join(dataDir, 'tmp')) ? readdirSync(join(dataDir, 'tmp')).sort() : [];
}

describe('the import temp files in the data folder', () => {
  it('an upload the disk cannot hold is refused as DB_DISK_FULL and leaves no partial file', async (ctx) => {
    const disk = tmp.file('disk');
    mkdirSync(disk);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', disk], { stdio: 'ignore' });
    } catch {
      return ctx.skip();
    }
    mounted = disk;
    const dataDir = join(disk, 'data');
    station = openStation({ dataDir, validateResults: true });
    const client = new RpcClient(inProcessTransport(station.dispatcher));
    // Leave 512 KiB free; the upload is 2 MiB.
    const fd = openSync(join(disk, 'filler'), 'w');
    try {
      for (;;) {
        try {
          writeSync(fd, Buffer.alloc(64 << 10, 1));
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw err;
        }
      }
      ftruncateSync(fd, fstatSync(fd).size - (512 << 10));
    } finally {
      closeSync(fd);
    }
    const file = { name: 'Danh sách tiêm.csv', base64: Buffer.alloc(2 << 20, 0x41).toString('base64') };
    const err = await client.call('import.preview', { file }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect((err as RpcError).code).toBe('DB_DISK_FULL');
    expect(tmpFiles(dataDir).filter((n) => n.startsWith('upload-'))).toEqual([]);
    // The space is back: a small write still goes through.
    await client.call('settings.set', { key: 'facility.name', value: 'Trạm Y tế Phường 1' });
  });

  it('the uploads and failed-row files a crash left are removed when the station opens; nothing else is', async () => {
    const dataDir = tmp.file('data');
    mkdirSync(join(dataDir, 'tmp'), { recursive: true });
    const left = ['upload-0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b', 'failed-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d.xlsx'];
    const kept = ['notes.txt', 'upload-by-hand.csv'];
    for (const name of [...left, ...kept]) writeFileSync(join(dataDir, 'tmp', name), 'x'.repeat(1000));
    station = openStation({ dataDir });
    expect(tmpFiles(dataDir)).toEqual([...kept].sort());
  });

  it('a station whose data folder has no tmp folder opens as before', async () => {
    const dataDir = tmp.file('fresh');
    station = openStation({ dataDir });
    expect(tmpFiles(dataDir)).toEqual([]);
  });
});
