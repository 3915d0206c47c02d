/** The kind of the OmemoError an operation refused with (a test fails if it was accepted or threw anything else). */
import { OmemoError } from '../../../main/omemo/omemo-error.js';

function kindOfError(error: unknown): string {
  if (error instanceof OmemoError) return error.kind;
  throw error;
}

export async function refusalOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return kindOfError(error);
  }
  throw new Error('it was accepted');
}

export function refusalOfCall(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return kindOfError(error);
  }
  throw new Error('it was accepted');
}
