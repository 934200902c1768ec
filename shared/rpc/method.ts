import type { z } from 'zod';

/** One contract entry: the schema of its params and of its result. */
export function method<P extends z.ZodType, R extends z.ZodType>(params: P, result: R) {
  return { params, result };
}
