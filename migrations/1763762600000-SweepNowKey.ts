import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A sweep asked for now is never postponed by the sweep that is running (DESIGN.md section 10).
 *
 * A record that starts an FDA-report or CAPA clock asks for a sweep at once (QualityDeadlines:
 * `alarms_quality_sweep_now`), with the job key `alarms:sweep`. The sweep also reschedules itself
 * under that key, at its end, to its next deadline (up to a minute ahead). When the record committed
 * while a sweep ran, the job it asked for was the one under the key, and the running sweep's reschedule
 * replaced its run time with the later one: the alarm came up to a minute late (the quality-alarms
 * spec waited 20 s for it and failed under load). A sweep asked for now has its own key,
 * `alarms:sweep-now`, that nothing reschedules; a second request while one waits is the same job, and
 * one while it runs is a new job after it (graphile-worker's job key semantics).
 */
export class SweepNowKey1763762600000 implements MigrationInterface {
  name = 'SweepNowKey1763762600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION alarms_sweep_soon() RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        PERFORM graphile_worker.add_job('alarms.sweep', '{}'::json, job_key := 'alarms:sweep-now', run_at := now(), max_attempts := 1);
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION alarms_sweep_soon() FROM PUBLIC`);
    await q.query(`
      CREATE OR REPLACE FUNCTION alarms_quality_sweep_now() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        PERFORM alarms_sweep_soon();
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION alarms_quality_sweep_now() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        PERFORM graphile_worker.add_job('alarms.sweep', '{}'::json, job_key := 'alarms:sweep', run_at := now(), max_attempts := 1);
        RETURN NULL;
      END $$`);
    await q.query(`DROP FUNCTION alarms_sweep_soon()`);
  }
}
