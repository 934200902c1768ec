/**
 * The station process of chaos.test.ts: signs the ready records in batches of 100 and syncs,
 * over and over, until nothing is left to send or to pull — unless the test SIGKILLs it first,
 * which it does many times. Signing uses the software signer (softwareSigner.ts) to keep the
 * test fast; the PKCS#11 path is covered by the SoftHSM tests. Backoff is short (test timing);
 * Retry-After is honoured as in production.
 *
 * argv: <data dir> <facility key PKCS#8 file> <facility certificate DER file>
 * stdout: "ready" once started, "done {json}" when finished.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { batchStore } from '../../../electron/core/batches/batchStore.js';
import { silentLogger } from '../../../electron/core/logger.js';
import { signBatch } from '../../../electron/core/signing/signBatch.js';
import { openStationStore } from '../../../electron/core/store/openStationStore.js';
import { systemStorePorts } from '../../../electron/core/store/ports.js';
import { syncService } from '../../../electron/core/sync/syncService.js';
import { parseCertificate } from '../../../shared/x509/x509.js';
import type { IssuedCert } from '../../fixtures/pki.js';
import { softwareSigner } from './softwareSigner.js';

async function main(): Promise<void> {
  const [dataDir, keyPath, certPath] = process.argv.slice(2);
  if (!dataDir || !keyPath || !certPath) throw new Error('usage: chaosRunner <data dir> <key.p8> <cert.der>');
  const der = new Uint8Array(readFileSync(certPath));
  const privateKey = await globalThis.crypto.subtle.importKey('pkcs8', readFileSync(keyPath), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const cert = { der, cert: parseCertificate(der), keys: { privateKey, type: 'EC' } } as unknown as IssuedCert;
  const ports = systemStorePorts('chaos-runner');
  const { store } = openStationStore(dataDir, ports);
  const batches = batchStore(store, ports);
  const signer = softwareSigner(cert);
  const sync = syncService(store, ports, silentLogger, {
    backoff: { baseMs: 20, capMs: 400 }, maxInRunWaitMs: 1500, maxInRunRetries: 3, pageSize: 100,
  });
  process.stdout.write('ready\n');
  const totals = { signed: 0, runs: 0 };
  for (;;) {
    if (store.countByState().ready > 0) {
      await signBatch({ store, batches, signer, ports }, { limit: 100 });
      totals.signed++;
    }
    const r = await sync.run({ force: false });
    totals.runs++;
    const ready = store.countByState().ready;
    if (ready === 0 && r.status.pendingBatches === 0 && !r.deferred && r.certificates === 0) break;
    if (ready === 0 && r.status.nextTryAt !== null) {
      await sleep(Math.min(1000, Math.max(10, Date.parse(r.status.nextTryAt) - Date.now())));
    }
  }
  process.stdout.write(`done ${JSON.stringify(totals)}\n`);
  sync.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
