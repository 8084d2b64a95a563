import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { JobHelpers } from 'graphile-worker';
import type { Client } from 'pg';
import { writeAnchor } from '../audit/anchor';
import { RuntimeSettings } from '../config/runtime';
import { Db } from '../database/db.service';
import { JobsService } from '../jobs/jobs.service';
import type { AnchorPage } from './dto/alarms.dto';

export const ANCHOR_TASK = 'audit.anchor';

/**
 * The daily audit anchor (DESIGN.md section 10; 21 CFR Part 11.10(c), (e)): the queue's cron runs it
 * once a day across all instances (and catches up within a day a run missed while every instance was
 * down); it writes every chain's head to a new file in AUDIT_ANCHOR_DIR with `writeAnchor` (the same
 * code as `npm run audit:anchor`) and records the file's SHA-256 in `audit_anchors`.
 */
@Injectable()
export class AnchorsService implements OnModuleInit {
  private readonly log = new Logger('AuditAnchors');

  constructor(
    private readonly db: Db,
    private readonly jobs: JobsService,
    private readonly settings: RuntimeSettings,
  ) {}

  onModuleInit(): void {
    this.jobs.task(ANCHOR_TASK, async (payload, helpers) => {
      const cron = (payload as { _cron?: { ts?: string } } | null)?._cron;
      await this.take(helpers, cron?.ts ? new Date(cron.ts) : null);
    });
    this.jobs.schedule({
      task: ANCHOR_TASK,
      match: this.settings.config.AUDIT_ANCHOR_CRON,
      identifier: 'audit.anchor.daily',
      options: { backfillPeriod: 24 * 3600 * 1000, maxAttempts: 10 },
    });
  }

  /** Takes one anchor (a scheduled run is taken once: its time is unique in the table). */
  async take(helpers: Pick<JobHelpers, 'withPgClient'>, scheduledFor: Date | null): Promise<void> {
    if (scheduledFor) {
      const done = await this.db.one(`SELECT 1 FROM audit_anchors WHERE scheduled_for = $1`, [scheduledFor]);
      if (done) return;
    }
    const dir = resolve(this.settings.config.AUDIT_ANCHOR_DIR);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `audit-anchor-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
    const a = await helpers.withPgClient((client) => writeAnchor(client as unknown as Client, file));
    await this.db.query(
      `INSERT INTO audit_anchors (scheduled_for, taken_at, file, host, sha256, chains) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (scheduled_for) DO NOTHING`,
      [scheduledFor, a.header.at, a.file, hostname(), a.sha256, a.header.chains],
    );
    this.log.log(`audit anchor ${a.file}: ${a.header.chains} chains, sha256 ${a.sha256}`);
  }

  async list(limit = 100): Promise<AnchorPage> {
    const rows = await this.db.query<{ id: string; scheduled_for: Date | null; taken_at: Date; file: string; host: string; sha256: string; chains: number }>(
      `SELECT * FROM audit_anchors ORDER BY taken_at DESC, id DESC LIMIT $1`,
      [limit],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        scheduledFor: r.scheduled_for ? r.scheduled_for.toISOString() : null,
        takenAt: r.taken_at.toISOString(),
        file: r.file,
        host: r.host,
        sha256: r.sha256,
        chains: r.chains,
      })),
    };
  }
}
