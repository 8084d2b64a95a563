import type { Task } from 'graphile-worker';
import type { PoolClient } from 'pg';
import { runImport, type Progress } from './importer';

/** The job that applies one import (queued with the `imports` row, in its transaction). */
export const IMPORT_TASK = 'import.run';

/**
 * The graphile-worker task: runs the import on `connections` connections of the worker's pool. A failure is
 * recorded on the import (status failed, error) and thrown, so the queue retries it with backoff;
 * the retry resumes after the last committed chunk.
 */
export function importTask(progress?: Progress, connections = 1): Task {
  return async (payload, helpers) => {
    const id = (payload as { id?: string } | null)?.id;
    if (!id) throw new Error('import.run: payload without id');
    // the import's lanes: `connections` clients of the worker's pool, held for the run
    const withClients = (n: number, held: PoolClient[]): Promise<unknown> =>
      n === 0
        ? runImport(held[0], id, progress, { moreClients: held.slice(1) })
        : helpers.withPgClient((client) => withClients(n - 1, [...held, client]));
    await withClients(Math.max(1, connections), []);
  };
}
