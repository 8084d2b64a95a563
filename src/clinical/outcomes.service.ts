import { PassThrough } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { csvLine } from '../common/csv';
import { DomainError, type FieldError, validationFailed } from '../common/domain-error';
import type { AppConfig } from '../config/app-config';
import { persistentSecret, RuntimeSettings } from '../config/runtime';
import { Db, Tx } from '../database/db.service';
import { renderBarChart } from './chart';
import { assertOutcomeReader } from './clinical.service';
import { daysBetween, exportedAge, planSuppression, pseudonym, twoSignificant } from './deidentify';
import type { ChartQuery, FollowUpQuery, SummaryQuery } from './dto/clinical.dto';
import { describe, type Summary } from './statistics';

/** OUTCOMES_PSEUDONYM_SECRET, or a secret generated once and kept in DATA_DIR (as the JWT secret is). */
export const resolvePseudonymSecret = (config: AppConfig): string => persistentSecret(config, config.OUTCOMES_PSEUDONYM_SECRET, 'pseudonym-secret');

const DAY_MS = 86_400_000;

/** The administrations a summary, chart or export covers, with the dose band each dose falls in. */
const COHORT_SQL = `
  SELECT a.release_request_id, r.requesting_facility, r.patient_identifier, r.patient_diagnosis, r.intended_use, a.route, a.cell_type, a.dose_per_kg,
         a.viability_pct::float8 AS viability_pct, a.recovery_pct::float8 AS recovery_pct, a.patient_age_months, a.administered_at,
         p.identifier AS protocol, a.protocol_arm, b.code AS dose_band
    FROM clinical_administrations a
    JOIN release_requests r ON r.id = a.release_request_id
    LEFT JOIN clinical_protocols p ON p.id = a.protocol_id
    LEFT JOIN clinical_dose_bands b ON b.cell_type = a.cell_type AND a.dose_per_kg >= b.min_per_kg AND (b.max_per_kg IS NULL OR a.dose_per_kg < b.max_per_kg)
   WHERE ($1::text IS NULL OR r.intended_use = $1) AND ($2::text IS NULL OR a.route = $2)
     AND ($3::text IS NULL OR a.cell_type = $3) AND ($4::text IS NULL OR b.code = $4)`;

interface CohortRow {
  release_request_id: string;
  requesting_facility: string;
  patient_identifier: string;
  patient_diagnosis: string;
  intended_use: string;
  route: string;
  cell_type: string;
  dose_per_kg: number;
  viability_pct: number;
  recovery_pct: number;
  patient_age_months: number;
  administered_at: Date;
  protocol: string | null;
  protocol_arm: string | null;
  dose_band: string | null;
}

/**
 * One observation per administration, measure and visit: the change from the baseline visit (day 0)
 * for measures whose definition asks for it (a visit without a baseline value does not count), the
 * value itself for the other numeric measures.
 */
const OBSERVATIONS_SQL = `
  WITH adm AS (${COHORT_SQL}),
  v AS (SELECT m.release_request_id, f.visit_day, m.measure, m.value_number
          FROM clinical_measurements m JOIN clinical_follow_ups f ON f.id = m.follow_up_id
          JOIN adm ON adm.release_request_id = m.release_request_id
         WHERE m.value_number IS NOT NULL AND ($5::text IS NULL OR m.measure = $5))
  SELECT v.measure, v.visit_day, adm.dose_band, adm.route,
         CASE WHEN d.change_from_baseline THEN v.value_number - b.value_number ELSE v.value_number END AS x
    FROM v JOIN adm ON adm.release_request_id = v.release_request_id
    JOIN outcome_measures d ON d.code = v.measure
    LEFT JOIN v b ON d.change_from_baseline AND b.release_request_id = v.release_request_id AND b.measure = v.measure AND b.visit_day = 0
   WHERE NOT d.change_from_baseline OR (v.visit_day > 0 AND b.value_number IS NOT NULL)
   ORDER BY v.measure, v.visit_day, v.release_request_id`;

interface Observation {
  measure: string;
  visit_day: number;
  dose_band: string | null;
  route: string;
  x: number;
}

const EXPORT_COLUMNS = [
  'patient', 'intended_use', 'protocol', 'protocol_arm', 'cell_type', 'route', 'dose_band', 'dose_per_kg', 'viability_pct', 'recovery_pct',
  'age_months', 'diagnosis', 'visit_day', 'days_from_infusion', 'measure', 'value', 'unit', 'method', 'adverse_reaction_linked',
];

export const CI_METHOD = 'Student t interval for the mean: mean ± t(0.975, n−1) · s/√n (s: sample standard deviation); none for n < 2';

/**
 * What the outcomes teach (issue 17): due follow-ups, the summary by use, route, cell type and dose
 * band, a chart of it, and the de-identified export. Read by the medical director, coordinators and
 * auditors only (assertOutcomeReader).
 */
@Injectable()
export class OutcomesService {
  private secret?: string;

  constructor(
    private readonly db: Db,
    private readonly settings: RuntimeSettings,
  ) {}

  /** `GET /follow-ups`: visits of the schedules not recorded yet, by state as of a day (UTC). */
  async dueFollowUps(actor: Actor, q: FollowUpQuery): Promise<{ asOf: string; items: Record<string, unknown>[] }> {
    assertOutcomeReader(actor);
    const asOf = (q.asOf ? new Date(q.asOf) : new Date()).toISOString().slice(0, 10);
    const states = q.status ? [...new Set(q.status.split(','))] : ['due', 'overdue'];
    const rows = await this.db.query<{ release_request_id: string; request_number: string; requesting_facility: string; physician: string; intended_use: string; protocol: string | null; visit_day: number; due_date: string; window_from: string; window_until: string; state: string; administered_at: Date }>(
      `SELECT * FROM (
         SELECT a.release_request_id, r.request_number, r.requesting_facility, r.physician, r.intended_use, p.identifier AS protocol, d.day AS visit_day,
                a.administered_at,
                to_char(due, 'YYYY-MM-DD') AS due_date, to_char(due - w, 'YYYY-MM-DD') AS window_from, to_char(due + w, 'YYYY-MM-DD') AS window_until,
                CASE WHEN $1::date < due - w THEN 'upcoming' WHEN $1::date <= due + w THEN 'due' ELSE 'overdue' END AS state
           FROM clinical_administrations a
           JOIN release_requests r ON r.id = a.release_request_id
           LEFT JOIN clinical_protocols p ON p.id = a.protocol_id
           LEFT JOIN clinical_use_schedules s ON s.intended_use = r.intended_use
           CROSS JOIN LATERAL unnest(coalesce(p.follow_up_days, s.follow_up_days)) AS d(day)
           CROSS JOIN LATERAL (SELECT (a.administered_at AT TIME ZONE 'UTC')::date + d.day AS due, coalesce(p.visit_window_days, s.visit_window_days) AS w) k
          WHERE NOT EXISTS (SELECT 1 FROM clinical_follow_ups f WHERE f.release_request_id = a.release_request_id AND f.visit_day = d.day)
       ) x
       WHERE state = ANY($2::text[])
       ORDER BY due_date, request_number, visit_day
       LIMIT $3`,
      [asOf, states, q.limit],
    );
    return {
      asOf,
      items: rows.map((r) => ({
        requestId: r.release_request_id, requestNumber: r.request_number, requestingFacility: r.requesting_facility, physician: r.physician,
        intendedUse: r.intended_use, protocol: r.protocol, visitDay: r.visit_day, dueDate: r.due_date, windowFrom: r.window_from, windowUntil: r.window_until,
        state: r.state, daysOverdue: r.state === 'overdue' ? Math.round((Date.parse(asOf) - Date.parse(r.window_until)) / DAY_MS) : 0,
      })),
    };
  }

  /**
   * `GET /outcomes/summary`: counts of the cohort the filters select and, per numeric measure and
   * visit, the change from baseline (or the value, for measures without a baseline): n, mean, median,
   * sample SD and the 95 % t interval; per categorical or yes/no measure and visit, the counts.
   */
  async summary(actor: Actor, q: SummaryQuery): Promise<Record<string, unknown>> {
    assertOutcomeReader(actor);
    await this.checkFilters(q);
    return this.db.tx(actor, (tx) => this.summaryIn(tx, q), { isolation: 'REPEATABLE READ' });
  }

  private async summaryIn(tx: Tx, q: SummaryQuery): Promise<Record<string, unknown>> {
    const p = [q.use ?? null, q.route ?? null, q.cellType ?? null, q.doseBand ?? null];
    const counts = (await tx.one<{ administrations: number; patients: number }>(
      `SELECT count(*)::int AS administrations, count(DISTINCT (lower(trim(requesting_facility)), upper(trim(patient_identifier))))::int AS patients FROM (${COHORT_SQL}) c`, p,
    ))!;
    const visits = await tx.query<{ visit_day: number; n: number }>(
      `SELECT f.visit_day, count(*)::int AS n FROM clinical_follow_ups f JOIN (${COHORT_SQL}) c ON c.release_request_id = f.release_request_id GROUP BY 1 ORDER BY 1`, p,
    );
    const obs = await tx.query<Observation>(OBSERVATIONS_SQL, [...p, null]);
    const cats = await tx.query<{ measure: string; visit_day: number; value: string; n: number }>(
      `SELECT m.measure, f.visit_day, coalesce(m.value_text, m.value_bool::text) AS value, count(*)::int AS n
         FROM clinical_measurements m JOIN clinical_follow_ups f ON f.id = m.follow_up_id JOIN (${COHORT_SQL}) c ON c.release_request_id = m.release_request_id
        WHERE m.value_number IS NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, p,
    );
    const defs = new Map((await tx.query<{ code: string; name: string; unit: string | null; change_from_baseline: boolean }>(`SELECT code, name, unit, change_from_baseline FROM outcome_measures`)).map((d) => [d.code, d]));
    const groups = new Map<string, number[]>();
    for (const o of obs) {
      const k = `${o.measure}\u0000${o.visit_day}`;
      (groups.get(k) ?? groups.set(k, []).get(k)!).push(o.x);
    }
    const measures = [...groups].map(([k, xs]) => {
      const [measure, day] = k.split('\u0000');
      const d = defs.get(measure)!;
      return { measure, name: d.name, unit: d.unit, statistic: d.change_from_baseline ? 'change_from_baseline' : 'value', visitDay: Number(day), ...describe(xs) };
    });
    const categories = new Map<string, { measure: string; name: string; visitDay: number; counts: Record<string, number> }>();
    for (const c of cats) {
      const k = `${c.measure}\u0000${c.visit_day}`;
      const e = categories.get(k) ?? categories.set(k, { measure: c.measure, name: defs.get(c.measure)!.name, visitDay: c.visit_day, counts: {} }).get(k)!;
      e.counts[c.value] = c.n;
    }
    return {
      filters: { use: q.use ?? null, route: q.route ?? null, cellType: q.cellType ?? null, doseBand: q.doseBand ?? null },
      counts: { administrations: counts.administrations, patients: counts.patients, followUpsByVisitDay: Object.fromEntries(visits.map((v) => [String(v.visit_day), v.n])) },
      ciMethod: CI_METHOD,
      measures,
      categories: [...categories.values()],
    };
  }

  /** `GET /outcomes/chart.svg`: the mean (change from baseline) of one numeric measure at one visit, by dose band and route. */
  async chart(actor: Actor, q: ChartQuery): Promise<string> {
    assertOutcomeReader(actor);
    await this.checkFilters(q);
    const def = await this.db.one<{ code: string; name: string; unit: string | null; value_type: string; change_from_baseline: boolean }>(
      `SELECT code, name, unit, value_type, change_from_baseline FROM outcome_measures WHERE code = $1`, [q.measure],
    );
    if (!def || !['number', 'integer'].includes(def.value_type)) throw validationFailed([{ field: 'measure', message: `must be a numeric measure (see GET /clinical/reference)` }]);
    const obs = await this.db.query<Observation>(OBSERVATIONS_SQL, [q.use ?? null, q.route ?? null, q.cellType ?? null, q.doseBand ?? null, q.measure]);
    const day = q.visitDay ?? obs.reduce((d, o) => Math.max(d, o.visit_day), 0);
    const at = obs.filter((o) => o.visit_day === day);
    const bands = await this.db.query<{ code: string; label: string }>(`SELECT code, label FROM clinical_dose_bands ORDER BY cell_type, min_per_kg`);
    const routes = await this.db.query<{ code: string; name: string }>(`SELECT code, name FROM clinical_routes ORDER BY code`);
    const cells = new Map<string, number[]>();
    for (const o of at) {
      const k = `${o.dose_band ?? ''}\u0000${o.route}`;
      (cells.get(k) ?? cells.set(k, []).get(k)!).push(o.x);
    }
    const usedBands = new Set(at.map((o) => o.dose_band ?? ''));
    const usedRoutes = new Set(at.map((o) => o.route));
    const stats = new Map<string, Summary>([...cells].map(([k, xs]) => [k, describe(xs)]));
    const what = def.change_from_baseline ? `Change from baseline in ${def.name}` : def.name;
    return renderBarChart({
      title: `${what}, day ${day}`,
      yLabel: `${def.change_from_baseline ? 'change' : 'value'}${def.unit ? ` (${def.unit})` : ''}`,
      groups: [...bands.filter((b) => usedBands.has(b.code)).map((b) => ({ code: b.code, label: b.label })), ...(usedBands.has('') ? [{ code: '', label: 'no band' }] : [])],
      series: routes.filter((r) => usedRoutes.has(r.code)).map((r) => ({ code: r.code, label: r.name })),
      cell: (g, s) => stats.get(`${g}\u0000${s}`),
    });
  }

  /**
   * `GET /outcomes/export`: the de-identified dataset as CSV, one line per measurement (and one per
   * administration without any), streamed from one REPEATABLE READ snapshot. The suppression plan
   * (deidentify.ts) is computed over that snapshot before the first line; its figures are returned
   * for the response headers.
   */
  async export(actor: Actor): Promise<{ stream: PassThrough; minCellSize: number; withheldPatients: number; suppressedDiagnoses: number }> {
    assertOutcomeReader(actor);
    const k = this.settings.config.OUTCOMES_EXPORT_MIN_CELL;
    const secret = (this.secret ??= resolvePseudonymSecret(this.settings.config));
    const out = new PassThrough();
    let started: (v: { withheldPatients: number; suppressedDiagnoses: number }) => void;
    let failed: (err: unknown) => void;
    const plan = new Promise<{ withheldPatients: number; suppressedDiagnoses: number }>((res, rej) => {
      started = res;
      failed = rej;
    });
    let planned = false;
    this.db
      .tx(actor, async (tx) => {
        const cohort = await tx.query<CohortRow>(COHORT_SQL, [null, null, null, null]);
        const members = cohort.map((c) => ({
          patient: pseudonym(secret, c.requesting_facility, c.patient_identifier), diagnosis: c.patient_diagnosis, use: c.intended_use, route: c.route, cellType: c.cell_type,
        }));
        const s = planSuppression(members, k);
        const kept = cohort.map((c, i) => ({ c, patient: members[i].patient, diagnosis: s.diagnosis[i] }))
          .filter((e) => e.diagnosis !== null)
          .sort((a, b) => (a.patient < b.patient ? -1 : a.patient > b.patient ? 1 : a.c.release_request_id < b.c.release_request_id ? -1 : 1));
        // the record of the export commits on its own, before the first line: an export cut short is still on record
        await this.db.tx(actor, (rec) => rec.query(
          `INSERT INTO outcome_exports (exported_by, min_cell_size, administrations, withheld_patients, suppressed_diagnoses) VALUES ($1, $2, $3, $4, $5)`,
          [actor.id, k, cohort.length, s.withheldPatients, s.suppressedDiagnoses],
        ));
        planned = true;
        started({ withheldPatients: s.withheldPatients, suppressedDiagnoses: s.suppressedDiagnoses });
        await write(out, csvLine(EXPORT_COLUMNS));
        for (let i = 0; i < kept.length; i += 200) {
          const batch = kept.slice(i, i + 200);
          const ms = await this.measurementsOf(tx, batch.map((e) => e.c.release_request_id));
          for (const e of batch) {
            const c = e.c;
            const base = [e.patient, c.intended_use, c.protocol, c.protocol_arm, c.cell_type, c.route, c.dose_band, twoSignificant(c.dose_per_kg), c.viability_pct, c.recovery_pct, exportedAge(c.patient_age_months), e.diagnosis];
            const mine = ms.get(c.release_request_id) ?? [];
            if (!mine.length) await write(out, csvLine([...base, null, null, null, null, null, null, null]));
            for (const m of mine) {
              await write(out, csvLine([...base, m.visit_day, daysBetween(c.administered_at, m.assessed_at), m.measure, m.value_number ?? m.value_text ?? m.value_bool, m.unit, m.method, m.linked]));
            }
          }
        }
        out.end();
      }, { isolation: 'REPEATABLE READ' })
      .catch((err: unknown) => {
        if (!planned) failed(err);
        out.destroy(err instanceof Error ? err : new Error(String(err)));
      });
    const figures = await plan;
    return { stream: out, minCellSize: k, ...figures };
  }

  private async measurementsOf(tx: Tx, ids: string[]) {
    const rows = await tx.query<{ release_request_id: string; visit_day: number; assessed_at: Date; measure: string; value_number: number | null; value_text: string | null; value_bool: boolean | null; method: string | null; linked: boolean; unit: string | null }>(
      `SELECT m.release_request_id, f.visit_day, f.assessed_at, m.measure, m.value_number, m.value_text, m.value_bool, m.method, m.adverse_reaction_id IS NOT NULL AS linked, d.unit
         FROM clinical_measurements m JOIN clinical_follow_ups f ON f.id = m.follow_up_id JOIN outcome_measures d ON d.code = m.measure
        WHERE m.release_request_id = ANY($1::uuid[]) ORDER BY m.release_request_id, f.visit_day, m.measure`,
      [ids],
    );
    const by = new Map<string, typeof rows>();
    for (const r of rows) (by.get(r.release_request_id) ?? by.set(r.release_request_id, []).get(r.release_request_id)!).push(r);
    return by;
  }

  /** A filter naming a route, cell type or dose band that does not exist is 422 (not an empty answer that looks like "no patients"). */
  private async checkFilters(q: SummaryQuery): Promise<void> {
    const errors: FieldError[] = [];
    const known = async (table: string, field: string, v: string | undefined) => {
      if (v === undefined) return;
      const row = await this.db.one(`SELECT 1 FROM ${table} WHERE code = $1`, [v]);
      if (!row) errors.push({ field, message: `unknown ${field} ${JSON.stringify(v)} (see GET /clinical/reference)` });
    };
    await known('clinical_routes', 'route', q.route);
    await known('clinical_cell_types', 'cellType', q.cellType);
    await known('clinical_dose_bands', 'doseBand', q.doseBand);
    if (errors.length) throw validationFailed(errors);
  }
}

/** Writes with back-pressure; a client that went away ends the export (and its transaction). */
async function write(out: PassThrough, chunk: string): Promise<void> {
  if (out.destroyed) throw new DomainError('CONFLICT', 'the client closed the export');
  if (out.write(chunk)) return;
  await new Promise<void>((res, rej) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', closed);
      res();
    };
    const closed = () => {
      out.off('drain', done);
      rej(new DomainError('CONFLICT', 'the client closed the export'));
    };
    out.once('drain', done);
    out.once('close', closed);
  });
}
