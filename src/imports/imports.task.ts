import type { Task } from 'graphile-worker';
import { runImport, type Progress } from './importer';

/** The job that applies one import (queued with the `imports` row, in its transaction). */
export const IMPORT_TASK = 'import.run';

/**
 * The graphile-worker task: runs the import on a connection of the worker's pool. A failure is
 * recorded on the import (status failed, error) and thrown, so the queue retries it with backoff;
 * the retry resumes after the last committed chunk.
 */
export function importTask(progress?: Progress): Task {
  return async (payload, helpers) => {
    const id = (payload as { id?: string } | null)?.id;
    if (!id) throw new Error('import.run: payload without id');
    await helpers.withPgClient((client) => runImport(client, id, progress));
  };
}
