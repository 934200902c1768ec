/** The StationError with which previewImport refuses `path` (the test fails if it previews). */
import { expect } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { StationError } from '../../../shared/errors.js';

export async function previewRefusal(path: string, now: () => Date): Promise<StationError> {
  const err = await previewImport(path, { now }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StationError);
  return err as StationError;
}
