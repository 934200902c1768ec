import { StationError } from '../../shared/errors.js';

/**
 * Long tasks (import, sign, sync) that the user may cancel: each runs with an AbortSignal kept
 * here under the task id the client chose, so `tasks.cancel` can reach it.
 */
export class TaskRegistry {
  private readonly running = new Map<string, AbortController>();

  /**
   * Runs `work` under `taskId` (if given); the id is freed when it settles. An id already
   * running is refused, TASK_ID_IN_USE, before `work` starts: taking it over left the earlier
   * task beyond `tasks.cancel` (session 27's fuzz), and cancelling both would stop a task the
   * user did not mean to stop.
   */
  async run<T>(taskId: string | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (taskId !== undefined && this.running.has(taskId)) throw taskIdInUse(taskId);
    const controller = new AbortController();
    if (taskId !== undefined) this.running.set(taskId, controller);
    try {
      return await work(controller.signal);
    } finally {
      if (taskId !== undefined && this.running.get(taskId) === controller) this.running.delete(taskId);
    }
  }

  cancel(taskId: string): boolean {
    const controller = this.running.get(taskId);
    if (!controller) return false;
    controller.abort();
    return true;
  }
}

function taskIdInUse(taskId: string): StationError {
  return new StationError(
    'TASK_ID_IN_USE',
    `Chưa chạy: tác vụ "${taskId}" vẫn đang chạy. Hãy đợi nó xong hoặc hủy nó, rồi thử lại.`,
    `Not started: task "${taskId}" is still running. Wait for it to finish or cancel it, then try again.`,
    { taskId },
  );
}
