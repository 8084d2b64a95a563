import { Injectable } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import type { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { RuntimeSettings } from '../config/runtime';
import { Db } from '../database/db.service';
import type { FreezerTemperatureReviewDto } from './dto/storage.dto';
import { resolveFreezer } from './storage.shared';

interface ReviewRow {
  id: string;
  freezer_id: string;
  period_from: Date;
  period_to: Date;
  outcome: 'acceptable' | 'action_required';
  finding: string;
  corrective_action: string | null;
  readings: number;
  excursions: number;
  reviewed_by: string;
  reviewer_name: string;
  meaning: string;
  reviewed_at: Date;
}

export interface FreezerReviewView {
  id: string;
  freezerId: string;
  periodFrom: string;
  periodTo: string;
  outcome: string;
  finding: string;
  correctiveAction: string | null;
  readings: number;
  excursions: number;
  reviewedAt: string;
  reviewedBy: { id: string; name: string };
  meaning: string;
}

const view = (r: ReviewRow): FreezerReviewView => ({
  id: r.id, freezerId: r.freezer_id, periodFrom: r.period_from.toISOString(), periodTo: r.period_to.toISOString(), outcome: r.outcome, finding: r.finding,
  correctiveAction: r.corrective_action, readings: r.readings, excursions: r.excursions, reviewedAt: r.reviewed_at.toISOString(),
  reviewedBy: { id: r.reviewed_by, name: r.reviewer_name }, meaning: r.meaning,
});

const field = (name: string, message: string) => new DomainError('VALIDATION_FAILED', `${name}: ${message}`, { errors: [{ field: name, message }] });

/**
 * The periodic review of each freezer's recorded temperatures (21 CFR 1271.260(e)): who reviewed,
 * when, the period from–to, the finding (and the corrective action when one is needed), e-signed
 * with the meaning `review`, appended to the freezer's audit chain by the database. Periods follow
 * each other without a gap; the next review is due FREEZER_REVIEW_INTERVAL_DAYS after the end of
 * the last period reviewed (the bank's interval).
 */
@Injectable()
export class FreezerReviewsService {
  constructor(
    private readonly db: Db,
    private readonly auth: AuthService,
    private readonly settings: RuntimeSettings,
  ) {}

  async record(actor: Actor, ref: string, dto: FreezerTemperatureReviewDto): Promise<FreezerReviewView> {
    const from = new Date(dto.periodFrom);
    const to = new Date(dto.periodTo);
    if (!(from < to)) throw field('periodTo', 'must be after periodFrom');
    if (to.getTime() > Date.now() + 60_000) throw field('periodTo', 'can not be in the future: only recorded temperatures are reviewed');
    if (dto.outcome === 'action_required' && !dto.correctiveAction) throw field('correctiveAction', 'is required when the outcome is action_required');
    // the e-signature (argon2) is checked before the transaction, so no row lock waits on it
    const signature = await this.auth.sign(actor, dto.signature, 'review');
    const row = await this.db.tx(actor, async (tx) => {
      const f = await resolveFreezer(tx, ref, true);
      const last = await tx.one<{ period_to: Date }>(`SELECT period_to FROM freezer_temperature_reviews WHERE freezer_id = $1 ORDER BY period_to DESC LIMIT 1`, [f.id]);
      if (last && from > last.period_to) {
        throw field('periodFrom', `leaves a gap: the last review covered up to ${last.period_to.toISOString()}; start there or earlier`);
      }
      await tx.audit({ action: 'freezer.temperature_review.recorded', reason: dto.finding, signature });
      return tx.one<ReviewRow>(
        `INSERT INTO freezer_temperature_reviews (freezer_id, period_from, period_to, outcome, finding, corrective_action, readings, excursions, reviewed_by, reviewer_name, meaning)
         SELECT $1, $2, $3, $4, $5, $6,
                (SELECT count(*)::int FROM freezer_temperature_readings WHERE freezer_id = $1 AND read_at >= $2 AND read_at < $3),
                (SELECT count(*)::int FROM freezer_excursions WHERE freezer_id = $1 AND started_at < $3 AND coalesce(ended_at, 'infinity') > $2),
                $7, $8, $9
         RETURNING *`,
        [f.id, from, to, dto.outcome, dto.finding, dto.correctiveAction ?? null, signature.signerId, signature.signerName, signature.meaning],
      );
    });
    return view(row!);
  }

  /** `GET /storage/freezers/:id/reviews`: newest period first, with when the next review is due. */
  async list(ref: string): Promise<{ freezerId: string; intervalDays: number; reviewedUpTo: string | null; nextDueAt: string; overdue: boolean; items: FreezerReviewView[] }> {
    const f = await resolveFreezer(this.db, ref);
    const rows = await this.db.query<ReviewRow>(`SELECT * FROM freezer_temperature_reviews WHERE freezer_id = $1 ORDER BY period_to DESC, reviewed_at DESC`, [f.id]);
    const days = this.settings.config.FREEZER_REVIEW_INTERVAL_DAYS;
    const base = rows[0]?.period_to ?? f.created_at;
    const due = new Date(base.getTime() + days * 86_400_000);
    return { freezerId: f.id, intervalDays: days, reviewedUpTo: rows[0] ? rows[0].period_to.toISOString() : null, nextDueAt: due.toISOString(), overdue: due.getTime() < Date.now(), items: rows.map(view) };
  }
}
