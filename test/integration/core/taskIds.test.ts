// A task id names one running task: `tasks.cancel` reaches the task by it. Session 27's fuzz found
// that a second call under the id of one still running took the id over, so a cancel reached only
// the later call and the earlier one ran on, beyond the user's reach (an import committed after
// "Cancel"). Through the real station and dispatcher: the second call is refused, TASK_ID_IN_USE.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcClient, RpcError } from '../../../shared/rpc/client.js';
import { inProcessTransport } from '../../../electron/core/rpc/inProcess.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { STANDARD_HEADER, makeDoses, makeTempDir, standardRow, writeDelimited } from '../../fixtures/clinicFiles.js';

let tmp: ReturnType<typeof makeTempDir>;
let station: StationCore;
let client: RpcClient;

beforeEach(() => {
  tmp = makeTempDir('station-task-ids-');
  station = openStation({ dataDir: tmp.file('data'), validateResults: true });
  station.store.setSetting('facility.code', '79001');
  client = new RpcClient(inProcessTransport(station.dispatcher));
});
afterEach(async () => {
  await station.close();
  tmp.cleanup();
});

/** A list long enough that its preview is still running when the next call arrives. */
function longList(): { name: string; base64: string } {
  const path = tmp.file('Danh sách.csv');
  writeDelimited(path, [STANDARD_HEADER, ...makeDoses(5_000, 5).map((d, i) => standardRow(d, i + 1))]);
  return { name: 'Danh sách.csv', base64: readFileSync(path).toString('base64') };
}

/** Resolves at the first progress event of `taskId`: the task is running. */
function running(taskId: string): Promise<void> {
  return new Promise((resolve) => {
    const off = client.on('progress', (p) => {
      if (p.taskId === taskId) {
        off();
        resolve();
      }
    });
  });
}

describe('one task id, one running task', () => {
  it('refuses a second call under the id of a task still running, and the cancel reaches the first', async () => {
    const file = longList();
    const started = running('t1');
    const first = client.call('import.preview', { file, taskId: 't1' }).then(
      () => 'finished',
      (e: unknown) => (e instanceof RpcError ? e.code : String(e)),
    );
    await started;
    const second = await client.call('import.commit', { file, confirmWarnings: true, taskId: 't1' }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(RpcError);
    const refusal = second as RpcError;
    expect(refusal.code).toBe('TASK_ID_IN_USE');
    expect(refusal.messageVi).toMatch(/t1/);
    expect(refusal.messageEn).toMatch(/t1.*still running/);
    expect(await client.call('tasks.cancel', { taskId: 't1' })).toEqual({ cancelled: true });
    expect(await first).toBe('IMPORT_CANCELLED');
    // The refused commit wrote nothing.
    expect((await client.call('records.list', {})).total).toBe(0);
  });

  it('frees the id when its task ends: the next call under it runs and can be cancelled', async () => {
    const path = tmp.file('short.csv');
    const doses = makeDoses(3, 2);
    writeDelimited(path, [STANDARD_HEADER, ...doses.map((d, i) => standardRow(d, i + 1))]);
    const file = { name: 'short.csv', base64: readFileSync(path).toString('base64') };
    await client.call('import.preview', { file, taskId: 't2' });
    const again = await client.call('import.preview', { file, taskId: 't2' });
    expect(again.rows).toBe(doses.length);
    expect(await client.call('tasks.cancel', { taskId: 't2' })).toEqual({ cancelled: false });
  });
});
