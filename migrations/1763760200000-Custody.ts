import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Chain of custody (FACT-NetCord; 21 CFR 1271.290 tracking): every handover of a unit, from
 * collection to the receiving facility. The unit row carries its current custodian; each event's
 * `from_party` is the custodian before it, so the chain is complete by construction for the
 * service's own events, and manual handovers are checked against it.
 */
export class Custody1763760200000 implements MigrationInterface {
  name = 'Custody1763760200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE custody_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        din text NOT NULL REFERENCES cord_blood_units(din),
        seq integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('collection', 'receipt', 'storage', 'retrieval', 'shipment', 'delivery', 'manual')),
        from_party text,
        to_party text NOT NULL,
        location text,
        handed_over_at timestamptz NOT NULL,
        condition text,
        shipper_id text,
        temperature_logger_id text,
        temperature_ok boolean,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT custody_events_din_seq_key UNIQUE (din, seq)
      )`);
    await q.query(`CREATE TRIGGER custody_events_audit AFTER INSERT OR UPDATE OR DELETE ON custody_events FOR EACH ROW EXECUTE FUNCTION audit_unit_row()`);
    await q.query(`GRANT SELECT, INSERT ON TABLE custody_events TO cbb_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS custody_events`);
  }
}
