/** The core's progress events for one task id (import, sign, sync), as the latest Progress. */
import { useState } from 'react';
import type { Progress } from '../components/ProgressBar.js';
import { useRpcEvent } from './RpcContext.js';

export function useTaskProgress(taskId: string | null): Progress | null {
  const [progress, setProgress] = useState<{ taskId: string; value: Progress } | null>(null);
  useRpcEvent('progress', (data) => {
    if (taskId !== null && data.taskId === taskId) {
      setProgress({ taskId, value: data.message === undefined ? { done: data.done, total: data.total } : { done: data.done, total: data.total, message: data.message } });
    }
  });
  return progress !== null && progress.taskId === taskId ? progress.value : null;
}
