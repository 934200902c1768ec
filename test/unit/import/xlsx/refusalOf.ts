/** The StationError `run` is refused with (the test fails if it resolves or throws anything else). */
import { StationError } from '../../../../shared/errors.js';

export async function refusalOf(run: () => Promise<unknown>): Promise<StationError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof StationError) return err;
    throw err;
  }
  throw new Error('not refused');
}
