import { Client } from 'pg';
import { AppConfig } from '../../src/config/app-config';

/** The import's connections for a benchmark: `IMPORT_CONNECTIONS` of the environment, else the service's default. */
export function importConnections(): number {
  return Number(process.env.IMPORT_CONNECTIONS ?? new AppConfig().IMPORT_CONNECTIONS);
}

/**
 * The import's lanes beside the benchmark's own client: `connections - 1` more clients of `url`
 * (`runImport`'s `moreClients`), each closed by `end()`, also when one of them fails to connect.
 */
export async function moreImportClients(url: string, connections: number): Promise<{ clients: Client[]; end(): Promise<void> }> {
  const clients: Client[] = [];
  const end = async () => {
    for (const c of clients) await c.end().catch(() => undefined);
  };
  try {
    for (let i = 1; i < connections; i++) {
      const c = new Client({ connectionString: url, options: '-c TimeZone=UTC' });
      await c.connect();
      clients.push(c);
    }
  } catch (err) {
    await end();
    throw err;
  }
  return { clients, end };
}
