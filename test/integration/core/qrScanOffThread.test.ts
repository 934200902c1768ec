// Probe 15: searching a large picture for its QR code ran on the core's only thread — a noisy
// 4000×4000 frame held every other call (signing, sync, the screens) for 190 s, and nothing
// could stop it. The search now runs in a worker thread with a deadline: the core answers other
// calls meanwhile, and a search past its deadline is stopped and said.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../electron/core/logger.js';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { scanForHc1 } from '../../../electron/core/image/qrScan.js';
import { RpcClient } from '../../../shared/rpc/client.js';
import { qrMatrix } from '../../../shared/qr/encode.js';
import { seededRandom } from '../../fixtures/seededRandom.js';

/** RGBA noise: the worst case for a QR locator (finder-pattern candidates everywhere). */
function noise(side: number, seed: number): Uint8Array {
  const rand = seededRandom(seed);
  const data = new Uint8Array(side * side * 4);
  for (let i = 0; i < data.length; i += 4) {
    const v = rand() < 0.5 ? 0 : 255;
    data[i] = v;
    data[i + 1] = v;
    data[i + 2] = v;
    data[i + 3] = 255;
  }
  return data;
}

describe('a picture searched for its QR code', () => {
  let dir: string;
  let station: StationCore;
  let client: RpcClient;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'station-qrscan-'));
    station = openStation({ dataDir: dir, logger: memoryLogger(), validateResults: true });
    client = new RpcClient(inProcessTransport(station.dispatcher), { timeoutMs: 120_000 });
  });
  afterAll(async () => {
    await station.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not hold the core: a call made during the search is answered before it', async () => {
    const side = 500;
    const order: string[] = [];
    const verify = client.call('dcc.verify', { image: { width: side, height: side, rgbaBase64: Buffer.from(noise(side, 5)).toString('base64') } }).then((r) => {
      order.push('verify');
      return r;
    });
    // Let the request reach the core and its search start.
    await new Promise((r) => setTimeout(r, 200));
    await client.call('records.counts', {});
    order.push('counts');
    const report = await verify;
    expect(order).toEqual(['counts', 'verify']);
    expect(report).toMatchObject({ valid: false, steps: { image: false }, errors: [{ code: 'QR_NOT_FOUND' }] });
  });

  it('is stopped at its deadline, and says so in both languages', async () => {
    const side = 2000;
    const err = await scanForHc1({ kind: 'rgba', data: noise(side, 6), width: side, height: side }, { deadlineMs: 300 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'QR_NOT_FOUND' });
    expect((err as { messageEn: string }).messageEn).toContain('took over 1 second;');
    expect((err as { messageVi: string }).messageVi).toContain('hãy cắt ảnh quanh mã QR');
  });

  /** A QR code as RGBA, 4 pixels a module, a 4-module quiet zone. */
  function qrPicture(text: string): { data: Uint8Array; width: number; height: number } {
    const { size, modules } = qrMatrix(text, 'Q');
    const side = (size + 8) * 4;
    const data = new Uint8Array(side * side * 4).fill(255);
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const my = Math.floor(y / 4) - 4;
        const mx = Math.floor(x / 4) - 4;
        if (my >= 0 && mx >= 0 && my < size && mx < size && modules[my * size + mx]) data.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
      }
    }
    return { data, width: side, height: side };
  }

  it('reads a code in the worker; where no worker can start (a packed app that cannot load it), in place', async () => {
    const text = `HC1:${'6BF'.repeat(40)}`;
    const picture = qrPicture(text);
    await expect(scanForHc1({ kind: 'rgba', ...picture })).resolves.toEqual({ text, fromImage: true });
    const broken = join(dir, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('cannot be loaded here');\n");
    await expect(scanForHc1({ kind: 'rgba', ...picture }, { entry: pathToFileURL(broken) })).resolves.toEqual({ text, fromImage: true });
  });
});
