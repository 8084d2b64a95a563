import { existsSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import type { Actor } from '../common/actor';
import { DomainError, notFound } from '../common/domain-error';
import { RuntimeSettings } from '../config/runtime';
import { Db } from '../database/db.service';
import { JobsService } from '../jobs/jobs.service';
import { dryRun, type DryRunReport } from './dry-run';
import { createImport, importView, load, type ImportView } from './importer';
import { IMPORT_TASK, importTask } from './imports.task';

/** POST /imports, GET /imports/:id: the API side of the bulk import (the job does the work). */
@Injectable()
export class ImportsService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly jobs: JobsService,
    private readonly settings: RuntimeSettings,
  ) {}

  onModuleInit(): void {
    this.jobs.task(IMPORT_TASK, importTask(undefined, this.settings.config.IMPORT_CONNECTIONS));
  }

  /** The inventory directory named by the operator, inside IMPORT_DIR (nothing else is readable). */
  private directory(name: string): string {
    const root = resolve(this.settings.config.IMPORT_DIR);
    const dir = resolve(root, name);
    if (!dir.startsWith(root + sep)) throw new DomainError('VALIDATION_FAILED', 'the directory must be inside IMPORT_DIR', { errors: [{ field: 'directory', message: 'outside IMPORT_DIR' }] });
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new DomainError('VALIDATION_FAILED', `no directory ${name} under IMPORT_DIR`, { errors: [{ field: 'directory', message: 'no such directory under IMPORT_DIR' }] });
    }
    return dir;
  }

  private async withClient<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    const pool = (this.db.dataSource.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  }

  dryRun(name: string): Promise<DryRunReport> {
    const dir = this.directory(name);
    return this.withClient((c) => dryRun(c, dir));
  }

  /** Dry run, then (only if clean) the import row and its job, in one transaction. */
  async start(actor: Actor, name: string): Promise<ImportView> {
    const dir = this.directory(name);
    return this.withClient(async (c) => {
      const report = await dryRun(c, dir);
      if (!report.ok) {
        throw new DomainError('VALIDATION_FAILED', `${report.refusedRows} rows of the inventory would be refused; nothing was written (the report lists them)`, { report });
      }
      if (!report.files.length) throw new DomainError('VALIDATION_FAILED', 'the directory holds none of the inventory files', { errors: [{ field: 'directory', message: 'no inventory CSV files' }] });
      const id = await createImport(c, report, { id: actor.id, name: actor.name });
      return importView(await load(c, id));
    });
  }

  async get(id: string): Promise<ImportView> {
    const row = await this.db.one<{ id: string }>(`SELECT id FROM imports WHERE id = $1`, [id]);
    if (!row) throw notFound('Import', id);
    return this.withClient(async (c) => importView(await load(c, id)));
  }
}
