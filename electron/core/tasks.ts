/**
 * Long tasks (import, sign, sync) that the user may cancel: each runs with an AbortSignal kept
 * here under the task id the client chose, so `tasks.cancel` can reach it.
 */
export class TaskRegistry {
  private readonly running = new Map<string, AbortController>();

  /** Runs `work` under `taskId` (if given); the id is freed when it settles. */
  async run<T>(taskId: string | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
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
