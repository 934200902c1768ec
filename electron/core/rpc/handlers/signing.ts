/** RPC handlers for tokens, batch signing and the outbox. The PIN arrives only in `sign.batch`. */
import type { SigningService } from '../../signing/signingService.js';
import type { TaskRegistry } from '../../tasks.js';
import type { Handlers } from '../dispatcher.js';

type SigningHandlers = Pick<Handlers, 'token.list' | 'sign.preview' | 'sign.batch' | 'batches.list' | 'batches.requeue' | 'batches.export'>;

export function signingHandlers(signing: SigningService, tasks: TaskRegistry): SigningHandlers {
  return {
    'token.list': () => signing.listTokens(),
    'sign.preview': ({ recordIds, limit }) => signing.preview({ ...(recordIds ? { recordIds } : {}), ...(limit ? { limit } : {}) }),
    'sign.batch': ({ taskId, pin, confirmFinalTry, tokenSerial, certFingerprint, recordIds, limit }, ctx) =>
      tasks.run(taskId, async (signal) => {
        const id = taskId ?? 'sign';
        const result = await signing.sign({
          pin,
          confirmFinalTry,
          signal,
          ...(tokenSerial ? { tokenSerial } : {}),
          ...(certFingerprint ? { certFingerprint } : {}),
          ...(recordIds ? { recordIds } : {}),
          ...(limit ? { limit } : {}),
          onProgress: (done, total, step) => ctx.emit('progress', { taskId: id, task: 'sign', done, total, message: step }),
        });
        return { batch: result.batch, count: result.count, alg: result.alg, root: result.root, batches: result.batches, heldBack: result.heldBack };
      }),
    'batches.list': ({ limit, offset }) => signing.listBatches(limit, offset),
    'batches.requeue': ({ id }) => signing.requeueBatch(id),
    'batches.export': ({ id }) => signing.exportBatch(id),
  };
}
