-- The migrated schema (public), normalised: `npm run schema:dump` writes it, test/schema.e2e-spec.ts checks it.

-- ---- sequences ---------------------------------------------------------------------------------

CREATE SEQUENCE donor_number_seq AS bigint START 1 INCREMENT 1 MINVALUE 1 MAXVALUE 9223372036854775807;

CREATE SEQUENCE lookback_number_seq AS bigint START 1 INCREMENT 1 MINVALUE 1 MAXVALUE 9223372036854775807;

CREATE SEQUENCE migrations_id_seq AS integer START 1 INCREMENT 1 MINVALUE 1 MAXVALUE 2147483647;

CREATE SEQUENCE release_request_number_seq AS bigint START 1 INCREMENT 1 MINVALUE 1 MAXVALUE 9223372036854775807;

-- ---- tables ------------------------------------------------------------------------------------

CREATE TABLE adverse_reactions (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  reaction_number text NOT NULL,
  release_request_id uuid NOT NULL,
  din text NOT NULL,
  onset_at timestamp with time zone NOT NULL,
  received_at timestamp with time zone NOT NULL,
  description text NOT NULL,
  severity text NOT NULL,
  serious boolean NOT NULL,
  seriousness_criteria text[] DEFAULT '{}'::text[] NOT NULL,
  communicable_disease boolean DEFAULT false NOT NULL,
  causality text DEFAULT 'not_assessed'::text NOT NULL,
  investigation text,
  product_implicated boolean,
  deviation_id uuid,
  fda_reported_at timestamp with time zone,
  fda_report_reference text,
  reported_by text NOT NULL,
  reported_by_name text NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE alarm_kinds (
  kind text NOT NULL,
  severity text NOT NULL,
  escalates boolean NOT NULL,
  description text NOT NULL
);

CREATE TABLE alarm_notifications (
  alarm_id uuid NOT NULL,
  event text NOT NULL,
  enqueued_at timestamp with time zone DEFAULT now() NOT NULL,
  fanned_out_at timestamp with time zone
);

CREATE TABLE alarms (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  kind text NOT NULL,
  severity text NOT NULL,
  state text DEFAULT 'open'::text NOT NULL,
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  freezer_id uuid,
  title text NOT NULL,
  details jsonb DEFAULT '{}'::jsonb NOT NULL,
  raised_at timestamp with time zone DEFAULT now() NOT NULL,
  escalated_at timestamp with time zone,
  acknowledged_at timestamp with time zone,
  acknowledged_by uuid,
  acknowledged_by_name text,
  acknowledgement_note text,
  cleared_at timestamp with time zone,
  cleared_reason text,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE audit_anchors (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  scheduled_for timestamp with time zone,
  taken_at timestamp with time zone NOT NULL,
  file text NOT NULL,
  host text NOT NULL,
  sha256 text NOT NULL,
  chains integer NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE audit_chain_heads (
  chain text NOT NULL,
  last_seq integer NOT NULL,
  last_hash text NOT NULL
) WITH (fillfactor=25);

CREATE TABLE audit_entries (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  chain text NOT NULL,
  din text,
  donor_id uuid,
  seq integer NOT NULL,
  at timestamp with time zone NOT NULL,
  actor_type text NOT NULL,
  actor_id text NOT NULL,
  actor_name text,
  action text NOT NULL,
  reason text,
  before jsonb,
  after jsonb,
  request_id text,
  signature jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL
);

CREATE TABLE auth_sessions (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  user_id uuid NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  first_signed_at timestamp with time zone,
  last_signed_at timestamp with time zone,
  signatures integer DEFAULT 0 NOT NULL
);

CREATE TABLE clinical_administrations (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  release_request_id uuid NOT NULL,
  din text NOT NULL,
  protocol_id uuid,
  protocol_arm text,
  cell_type text NOT NULL,
  route text NOT NULL,
  procedure text,
  administered_at timestamp with time zone NOT NULL,
  patient_weight_kg numeric(6,2) NOT NULL,
  patient_age_months integer NOT NULL,
  measured_cell_count double precision,
  dose_per_kg double precision NOT NULL,
  cd34_per_kg double precision,
  viability_pct numeric(5,2) NOT NULL,
  recovery_pct numeric(5,2) NOT NULL,
  notes text,
  correction_reason text,
  recorded_by text NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE clinical_cell_types (
  code text NOT NULL,
  name text NOT NULL,
  counted_cells text NOT NULL,
  dose_source text NOT NULL,
  active boolean DEFAULT true NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE clinical_dose_bands (
  code text NOT NULL,
  cell_type text NOT NULL,
  label text NOT NULL,
  min_per_kg double precision NOT NULL,
  max_per_kg double precision,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE clinical_follow_ups (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  release_request_id uuid NOT NULL,
  visit_day integer NOT NULL,
  assessed_at timestamp with time zone NOT NULL,
  notes text,
  correction_reason text,
  recorded_by text NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE clinical_measurements (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  follow_up_id uuid NOT NULL,
  release_request_id uuid NOT NULL,
  measure text NOT NULL,
  value_number double precision,
  value_text text,
  value_bool boolean,
  method text,
  adverse_reaction_id uuid,
  description text,
  correction_reason text,
  recorded_by text NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE clinical_protocols (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  identifier text NOT NULL,
  title text NOT NULL,
  sponsor text NOT NULL,
  ind_number text,
  eu_ct_number text,
  arms text[] DEFAULT '{}'::text[] NOT NULL,
  follow_up_days integer[] NOT NULL,
  visit_window_days integer DEFAULT 14 NOT NULL,
  active boolean DEFAULT true NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE clinical_routes (
  code text NOT NULL,
  name text NOT NULL,
  description text,
  active boolean DEFAULT true NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE clinical_use_schedules (
  intended_use text NOT NULL,
  follow_up_days integer[] NOT NULL,
  visit_window_days integer DEFAULT 14 NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE collections (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  din text NOT NULL,
  donor_id uuid NOT NULL,
  hospital text NOT NULL,
  collected_by text NOT NULL,
  birth_at timestamp with time zone NOT NULL,
  collected_at timestamp with time zone NOT NULL,
  delivery_type text NOT NULL,
  gestational_age_weeks numeric(4,1) NOT NULL,
  method text NOT NULL,
  bag_lot text,
  anticoagulant_volume_ml numeric(6,1),
  gross_volume_ml numeric(7,1),
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  din_flags character(2)
);

CREATE TABLE consents (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  donor_id uuid NOT NULL,
  type text NOT NULL,
  form_version text NOT NULL,
  signed_at timestamp with time zone NOT NULL,
  withdrawn_at timestamp with time zone,
  withdrawal_reason text,
  created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE cord_blood_units (
  din text NOT NULL,
  din_check character(1) NOT NULL,
  status text DEFAULT 'collected'::text NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  donor_id uuid NOT NULL,
  banking_type text NOT NULL,
  hold_from_status text,
  received_at timestamp with time zone,
  receipt_temperature_ok boolean,
  receipt_notes text,
  receipt_flags text[] DEFAULT '{}'::text[] NOT NULL,
  processed_at timestamp with time zone,
  volume_ml numeric(8,2),
  tnc_count numeric,
  cd34_count numeric,
  viability_pct numeric(5,2),
  cfu_count numeric,
  nrbc_count numeric,
  processing_method text,
  abo text,
  rh text,
  abo_typed_at timestamp with time zone,
  hla jsonb,
  hla_resolution text,
  hla_method text,
  hla_typed_at timestamp with time zone,
  sterility_aerobic text,
  sterility_anaerobic text,
  sterility_organism text,
  sterility_resulted_at timestamp with time zone,
  position_id uuid,
  stored_at timestamp with time zone,
  custodian text,
  custodian_since timestamp with time zone,
  reserved_for uuid,
  discard_reason text,
  rejection_reason text,
  product_code text,
  product_code_version integer,
  receipt_container_intact boolean,
  receipt_contamination_suspected boolean,
  acceptance_status text,
  acceptance_decided_at timestamp with time zone,
  acceptance_decided_by text,
  acceptance_decider_name text,
  acceptance_reason text
);

CREATE TABLE custody_events (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  din text NOT NULL,
  seq integer NOT NULL,
  kind text NOT NULL,
  from_party text,
  to_party text NOT NULL,
  location text,
  handed_over_at timestamp with time zone NOT NULL,
  condition text,
  shipper_id text,
  temperature_logger_id text,
  temperature_ok boolean,
  created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE deviation_capa_actions (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  deviation_id uuid NOT NULL,
  kind text NOT NULL,
  description text NOT NULL,
  owner text NOT NULL,
  due_date date NOT NULL,
  done_at timestamp with time zone,
  done_by text,
  done_note text,
  effectiveness text,
  effectiveness_note text,
  effectiveness_checked_at timestamp with time zone,
  effectiveness_checked_by text,
  created_by text NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE deviation_units (
  deviation_id uuid NOT NULL,
  din text NOT NULL,
  hold text NOT NULL,
  not_held_reason text,
  status_when_added text NOT NULL,
  added_by text NOT NULL,
  disposition text,
  disposition_reason text,
  dispositioned_at timestamp with time zone,
  dispositioned_by text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE deviations (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  deviation_number text NOT NULL,
  status text DEFAULT 'open'::text NOT NULL,
  title text NOT NULL,
  description text NOT NULL,
  occurred_at timestamp with time zone NOT NULL,
  discovered_at timestamp with time zone NOT NULL,
  where_found text NOT NULL,
  category text NOT NULL,
  severity text NOT NULL,
  source text DEFAULT 'staff'::text NOT NULL,
  source_reference text,
  reported_by text NOT NULL,
  reported_by_name text NOT NULL,
  investigation text,
  root_cause text,
  fda_reported_at timestamp with time zone,
  fda_report_reference text,
  fda_not_reportable_reason text,
  closure_summary text,
  closed_at timestamp with time zone,
  closed_by text,
  closed_by_name text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE din_counters (
  facility_id text NOT NULL,
  year smallint NOT NULL,
  last_sequence integer NOT NULL
);

CREATE TABLE documents (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  owner_type text NOT NULL,
  donor_id uuid,
  din text,
  deviation_id uuid,
  release_request_id uuid,
  title text NOT NULL,
  file_name text NOT NULL,
  media_type text NOT NULL,
  size_bytes integer NOT NULL,
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_by text NOT NULL,
  uploaded_by_name text NOT NULL,
  supersedes uuid,
  superseded_by uuid,
  superseded_at timestamp with time zone,
  supersede_reason text,
  created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE donors (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  donor_number text DEFAULT ('D'::text || lpad((nextval('donor_number_seq'::regclass))::text, 7, '0'::text)) NOT NULL,
  first_name text NOT NULL,
  last_name text NOT NULL,
  date_of_birth date NOT NULL,
  email text,
  phone text,
  banking_type text NOT NULL,
  ethnicity text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE eligibility_determinations (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  din text NOT NULL,
  status text NOT NULL,
  reason text,
  computed jsonb NOT NULL,
  records jsonb NOT NULL,
  determined_by text NOT NULL,
  determined_by_name text NOT NULL,
  signature jsonb NOT NULL,
  determined_at timestamp with time zone DEFAULT now() NOT NULL,
  voided_at timestamp with time zone,
  void_reason text
);

CREATE TABLE equipment (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  type text NOT NULL,
  name text NOT NULL,
  manufacturer text,
  model text,
  serial_number text NOT NULL,
  location text,
  calibration_due_on date,
  maintenance_due_on date,
  in_service boolean DEFAULT true NOT NULL,
  recorded_by text NOT NULL,
  recorded_by_name text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  out_of_service_since timestamp with time zone,
  out_of_service_reason text,
  out_of_service_by text,
  out_of_service_by_name text
);

CREATE TABLE equipment_services (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  equipment_id uuid NOT NULL,
  kind text NOT NULL,
  performed_on date NOT NULL,
  performed_by text NOT NULL,
  next_due_on date NOT NULL,
  certificate text,
  notes text,
  recorded_by text NOT NULL,
  recorded_by_name text,
  created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE freezer_excursions (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  freezer_id uuid NOT NULL,
  started_at timestamp with time zone NOT NULL,
  ended_at timestamp with time zone,
  limit_c numeric(5,1) NOT NULL,
  retrospective boolean DEFAULT false NOT NULL,
  opened_by_reading bigint,
  closed_by_reading bigint,
  created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE freezer_heartbeats (
  freezer_id uuid NOT NULL,
  last_reading_at timestamp with time zone NOT NULL,
  last_reading_id bigint NOT NULL
);

CREATE TABLE freezer_occupancy (
  freezer_id uuid NOT NULL,
  used_count integer DEFAULT 0 NOT NULL
);

CREATE TABLE freezer_temperature_readings (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  freezer_id uuid NOT NULL,
  read_at timestamp with time zone NOT NULL,
  temperature_c numeric(6,2) NOT NULL,
  limit_c numeric(5,1) NOT NULL,
  above_limit boolean NOT NULL,
  source text NOT NULL,
  recorded_by text,
  created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE freezer_temperature_reviews (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  freezer_id uuid NOT NULL,
  period_from timestamp with time zone NOT NULL,
  period_to timestamp with time zone NOT NULL,
  outcome text NOT NULL,
  finding text NOT NULL,
  corrective_action text,
  readings integer NOT NULL,
  excursions integer NOT NULL,
  reviewed_by text NOT NULL,
  reviewer_name text NOT NULL,
  meaning text NOT NULL,
  reviewed_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE freezers (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  seq integer NOT NULL,
  code text GENERATED ALWAYS AS (('F'::text || storage_num(seq))) STORED,
  name text NOT NULL,
  type text NOT NULL,
  max_temperature_c numeric(5,1) DEFAULT '-150'::integer NOT NULL,
  racks integer NOT NULL,
  boxes_per_rack integer NOT NULL,
  rows_per_box integer NOT NULL,
  columns_per_box integer NOT NULL,
  capacity bigint GENERATED ALWAYS AS (((((racks)::bigint * boxes_per_rack) * rows_per_box) * columns_per_box)) STORED,
  in_service boolean DEFAULT true NOT NULL,
  service_changed_at timestamp with time zone,
  service_reason text,
  open_excursion_id uuid,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE idm_tests (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  donor_id uuid NOT NULL,
  marker text NOT NULL,
  result text NOT NULL,
  sample_drawn_at timestamp with time zone NOT NULL,
  tested_at timestamp with time zone,
  method text,
  lab text,
  source text DEFAULT 'staff'::text NOT NULL,
  lab_event_id uuid,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  test_kit text,
  lab_clia_number text,
  performed_by text,
  entered_by uuid,
  transfused_before_sample boolean,
  dilution_acceptable boolean,
  legacy boolean DEFAULT false NOT NULL
);

CREATE TABLE import_units (
  import_id uuid NOT NULL,
  din text NOT NULL,
  target_status text NOT NULL,
  received_at timestamp with time zone,
  receipt_temperature_ok boolean
);

CREATE TABLE imports (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  status text DEFAULT 'queued'::text NOT NULL,
  phase text DEFAULT 'queued'::text NOT NULL,
  directory text NOT NULL,
  operator_id text NOT NULL,
  operator_name text NOT NULL,
  files jsonb NOT NULL,
  units_total integer DEFAULT 0 NOT NULL,
  error text,
  attempts integer DEFAULT 0 NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  started_at timestamp with time zone,
  finished_at timestamp with time zone,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE integrations (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  name text NOT NULL,
  key_hash text NOT NULL,
  key_prefix text NOT NULL,
  created_by uuid,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  revoked_at timestamp with time zone,
  revoked_by uuid
);

CREATE TABLE lab_events (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  integration_id uuid NOT NULL,
  event_id text NOT NULL,
  type text NOT NULL,
  occurred_at timestamp with time zone NOT NULL,
  din text,
  donor_number text,
  freezer text,
  body jsonb NOT NULL,
  body_hash text NOT NULL,
  status text NOT NULL,
  problem jsonb,
  answer_status smallint NOT NULL,
  answer_body jsonb NOT NULL,
  received_at timestamp with time zone DEFAULT now() NOT NULL,
  applied_at timestamp with time zone,
  attempts integer DEFAULT 0 NOT NULL,
  last_attempt_at timestamp with time zone,
  dismissed_at timestamp with time zone,
  dismissed_by text,
  dismissed_by_name text,
  dismiss_reason text
);

CREATE TABLE lookback_consignees (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  lookback_id uuid NOT NULL,
  facility text NOT NULL,
  physician text NOT NULL,
  dins text[] NOT NULL,
  request_numbers text[] NOT NULL
);

CREATE TABLE lookback_notifications (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  lookback_id uuid NOT NULL,
  consignee_id uuid NOT NULL,
  notified_at timestamp with time zone NOT NULL,
  method text NOT NULL,
  contact text NOT NULL,
  acknowledged boolean DEFAULT false NOT NULL,
  acknowledged_at timestamp with time zone,
  notes text,
  recorded_by text NOT NULL,
  recorded_by_name text,
  created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE lookback_units (
  lookback_id uuid NOT NULL,
  din text NOT NULL,
  found_status text NOT NULL,
  action text NOT NULL,
  release_request_id uuid,
  disposition text,
  disposition_note text,
  dispositioned_by text,
  dispositioned_by_name text,
  dispositioned_at timestamp with time zone
);

CREATE TABLE lookbacks (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  lookback_number text DEFAULT ('LB'::text || lpad((nextval('lookback_number_seq'::regclass))::text, 6, '0'::text)) NOT NULL,
  trigger_type text NOT NULL,
  trigger jsonb NOT NULL,
  reason text NOT NULL,
  status text DEFAULT 'open'::text NOT NULL,
  opened_by text NOT NULL,
  opened_by_name text,
  opened_at timestamp with time zone DEFAULT now() NOT NULL,
  unit_count integer DEFAULT 0 NOT NULL,
  held_count integer DEFAULT 0 NOT NULL,
  closed_at timestamp with time zone,
  closed_by text,
  closed_by_name text,
  closure_note text,
  closure_signature jsonb,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE migrations (
  id integer DEFAULT nextval('migrations_id_seq'::regclass) NOT NULL,
  "timestamp" bigint NOT NULL,
  name character varying NOT NULL
);

CREATE TABLE notification_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  delivery_id uuid NOT NULL,
  attempt integer NOT NULL,
  started_at timestamp with time zone NOT NULL,
  finished_at timestamp with time zone DEFAULT now() NOT NULL,
  outcome text NOT NULL,
  error text,
  response_status integer,
  worker text
);

CREATE TABLE notification_deliveries (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  alarm_id uuid NOT NULL,
  event text NOT NULL,
  channel text NOT NULL,
  recipient text NOT NULL,
  user_id uuid,
  webhook_id uuid,
  state text DEFAULT 'pending'::text NOT NULL,
  attempts integer DEFAULT 0 NOT NULL,
  lease_until timestamp with time zone,
  last_error text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  delivered_at timestamp with time zone,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE notification_subscriptions (
  role text NOT NULL,
  alarm_kind text NOT NULL,
  event text NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE outcome_exports (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  exported_by text NOT NULL,
  exported_at timestamp with time zone DEFAULT now() NOT NULL,
  min_cell_size integer NOT NULL,
  administrations integer NOT NULL,
  withheld_patients integer NOT NULL,
  suppressed_diagnoses integer NOT NULL
);

CREATE TABLE outcome_measures (
  code text NOT NULL,
  name text NOT NULL,
  unit text,
  value_type text NOT NULL,
  min_value double precision,
  max_value double precision,
  categories text[],
  methods text[] DEFAULT '{}'::text[] NOT NULL,
  applicable_uses text[] NOT NULL,
  change_from_baseline boolean DEFAULT false NOT NULL,
  links_adverse_reaction boolean DEFAULT false NOT NULL,
  active boolean DEFAULT true NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE product_code_tables (
  version integer NOT NULL,
  example boolean DEFAULT false NOT NULL,
  source_sha256 text NOT NULL,
  code_count integer NOT NULL,
  note text,
  loaded_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE product_codes (
  version integer NOT NULL,
  code text NOT NULL,
  description text NOT NULL,
  class text NOT NULL,
  modifiers text DEFAULT ''::text NOT NULL,
  attributes text DEFAULT ''::text NOT NULL
);

CREATE TABLE quality_record_counters (
  kind text NOT NULL,
  last_value integer NOT NULL
);

CREATE TABLE release_requests (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  request_number text DEFAULT ('RR'::text || lpad((nextval('release_request_number_seq'::regclass))::text, 6, '0'::text)) NOT NULL,
  status text DEFAULT 'submitted'::text NOT NULL,
  requesting_facility text NOT NULL,
  physician text NOT NULL,
  patient_identifier text NOT NULL,
  patient_weight_kg numeric(6,2) NOT NULL,
  patient_diagnosis text NOT NULL,
  patient_hla jsonb,
  intended_use text NOT NULL,
  needed_by timestamp with time zone NOT NULL,
  submitted_by text NOT NULL,
  din text,
  reserved_at timestamp with time zone,
  reserved_by text,
  match_grade text,
  match_detail jsonb,
  tnc_per_kg double precision,
  cd34_per_kg double precision,
  dose_override_reason text,
  approved_at timestamp with time zone,
  approved_by text,
  approver_name text,
  approval_meaning text,
  courier text,
  dispatched_at timestamp with time zone,
  shipper_id text,
  temperature_logger_id text,
  shipped_by text,
  received_at timestamp with time zone,
  received_by text,
  delivery_temperature_ok boolean,
  infused_at timestamp with time zone,
  outcome_notes text,
  cancelled_at timestamp with time zone,
  cancel_reason text,
  cancelled_from text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  directed_use jsonb
);

CREATE TABLE screenings (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  donor_id uuid NOT NULL,
  version text NOT NULL,
  completed_at timestamp with time zone NOT NULL,
  deferral_reasons text[] DEFAULT '{}'::text[] NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  corrected_at timestamp with time zone,
  corrected_by uuid,
  correction_reason text
);

CREATE TABLE security_events (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  kind text NOT NULL,
  occurred_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
  user_id uuid,
  email text,
  address text,
  failures integer NOT NULL,
  detail text NOT NULL
);

CREATE TABLE storage_boxes (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  freezer_id uuid NOT NULL,
  rack_id uuid NOT NULL,
  freezer_seq integer NOT NULL,
  rack_no integer NOT NULL,
  box_no integer NOT NULL,
  label text NOT NULL,
  capacity integer NOT NULL,
  used_count integer DEFAULT 0 NOT NULL
);

CREATE TABLE storage_positions (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  box_id uuid NOT NULL,
  freezer_id uuid NOT NULL,
  row_no smallint NOT NULL,
  col_no smallint NOT NULL,
  label text NOT NULL
);

CREATE TABLE storage_racks (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  freezer_id uuid NOT NULL,
  rack_no integer NOT NULL,
  label text NOT NULL
);

CREATE TABLE supply_exceptions (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  supply_lot_id uuid,
  equipment_id uuid,
  din text,
  reason text NOT NULL,
  valid_until timestamp with time zone NOT NULL,
  granted_by text NOT NULL,
  granted_by_name text,
  granted_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE supply_lots (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  type text NOT NULL,
  manufacturer text NOT NULL,
  lot_number text NOT NULL,
  description text,
  expires_on date NOT NULL,
  received_on date NOT NULL,
  qc_status text DEFAULT 'pending'::text NOT NULL,
  qc_decided_by text,
  qc_decided_by_name text,
  qc_decided_at timestamp with time zone,
  qc_note text,
  recorded_by text NOT NULL,
  recorded_by_name text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE unit_equipment (
  din text NOT NULL,
  equipment_id uuid NOT NULL,
  stage text NOT NULL,
  used_at timestamp with time zone NOT NULL,
  exception_id uuid,
  recorded_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE unit_excursions (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  din text NOT NULL,
  excursion_id uuid NOT NULL,
  position_label text,
  recorded_at timestamp with time zone DEFAULT now() NOT NULL,
  reviewed_at timestamp with time zone,
  reviewed_by text,
  reviewer_name text,
  review_outcome text,
  review_reason text,
  review_meaning text,
  review_corrective_action text
);

CREATE TABLE unit_label_prints (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  din text NOT NULL,
  stage text NOT NULL,
  format text NOT NULL,
  print_number integer NOT NULL,
  reason text,
  content_sha256 text NOT NULL,
  structures jsonb NOT NULL,
  statements text[] NOT NULL,
  printed_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE unit_label_verifications (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  din text NOT NULL,
  stage text NOT NULL,
  result text NOT NULL,
  scans jsonb NOT NULL,
  mismatches jsonb DEFAULT '[]'::jsonb NOT NULL,
  verified_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE unit_results (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  din text NOT NULL,
  kind text NOT NULL,
  occurred_at timestamp with time zone NOT NULL,
  data jsonb NOT NULL,
  applied boolean NOT NULL,
  source text NOT NULL,
  lab_event_id uuid,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  performed_by text
);

CREATE TABLE unit_search (
  din text NOT NULL,
  donor_id uuid NOT NULL,
  family boolean NOT NULL,
  typed boolean NOT NULL,
  a_lo smallint NOT NULL,
  a_hi smallint NOT NULL,
  b_lo smallint NOT NULL,
  b_hi smallint NOT NULL,
  d_lo integer NOT NULL,
  d_hi integer NOT NULL,
  tnc_count double precision NOT NULL,
  cd34_count double precision
);

CREATE TABLE unit_status_transitions (
  from_status text NOT NULL,
  to_status text NOT NULL
);

CREATE TABLE unit_storage_history (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  din text NOT NULL,
  position_id uuid NOT NULL,
  freezer_id uuid NOT NULL,
  position_label text NOT NULL,
  stored_from timestamp with time zone NOT NULL,
  stored_until timestamp with time zone
);

CREATE TABLE unit_supply_lots (
  din text NOT NULL,
  supply_lot_id uuid NOT NULL,
  stage text NOT NULL,
  used_at timestamp with time zone NOT NULL,
  exception_id uuid,
  recorded_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE users (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  email text NOT NULL,
  name text NOT NULL,
  password_hash text NOT NULL,
  roles text[] NOT NULL,
  active boolean DEFAULT true NOT NULL,
  failed_login_count integer DEFAULT 0 NOT NULL,
  locked_until timestamp with time zone,
  password_changed_at timestamp with time zone DEFAULT now() NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  token_version integer DEFAULT 1 NOT NULL,
  must_change_password boolean DEFAULT false NOT NULL
);

CREATE TABLE webhooks (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  url text NOT NULL,
  events text[] NOT NULL,
  secret text NOT NULL,
  active boolean DEFAULT true NOT NULL,
  created_by uuid,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

-- ---- constraints -------------------------------------------------------------------------------

ALTER TABLE adverse_reactions ADD CONSTRAINT adverse_reactions_causality_valid CHECK ((causality = ANY (ARRAY['not_assessed'::text, 'unrelated'::text, 'unlikely'::text, 'possible'::text, 'probable'::text, 'definite'::text])));

ALTER TABLE adverse_reactions ADD CONSTRAINT adverse_reactions_criteria_valid CHECK ((seriousness_criteria <@ ARRAY['fatal'::text, 'life_threatening'::text, 'permanent_impairment'::text, 'medical_intervention'::text, 'hospitalization'::text]));

ALTER TABLE adverse_reactions ADD CONSTRAINT adverse_reactions_deviation_id_fkey FOREIGN KEY (deviation_id) REFERENCES deviations(id);

ALTER TABLE adverse_reactions ADD CONSTRAINT adverse_reactions_deviation_key UNIQUE (deviation_id);

ALTER TABLE adverse_reactions ADD CONSTRAINT adverse_reactions_deviation_when_implicated CHECK (((deviation_id IS NULL) OR product_implicated));

ALTER TABLE adverse_reactions ADD CONSTRAINT adverse_reactions_din_fkey FOREIGN KEY (din) REFERENCES cord_blood_units(din);

ALTER TABLE adverse_reactions ADD CONSTRAINT adverse_reactions_fda_after_receipt CHECK (((fda_reported_at IS NULL) OR (fda_reported_at >= received_at)));

ALTER TABLE adverse_reactions ADD CONSTRAINT adverse_reactions_fda_report CHECK (((fda_reported_at IS NULL) = (fda_report_reference IS NULL)));

ALTER TABLE adverse_reactions ADD CONSTRAINT adverse_reactions_number_key UNIQUE (reaction_number);

ALTER TABLE adverse_reactions ADD CONSTRAINT adverse_reactions_pkey PRIMARY KEY (id);

ALTER TABLE adverse_reactions ADD CONSTRAINT adverse_reactions_release_request_id_fkey FOREIGN KEY (release_request_id) REFERENCES release_requests(id);

ALTER TABLE adverse_reactions ADD CONSTRAINT adverse_reactions_serious_has_criteria CHECK ((serious = (cardinality(seriousness_criteria) > 0)));

ALTER TABLE adverse_reactions ADD CONSTRAINT adverse_reactions_severity_valid CHECK ((severity = ANY (ARRAY['mild'::text, 'moderate'::text, 'severe'::text, 'life_threatening'::text, 'fatal'::text])));

ALTER TABLE adverse_reactions ADD CONSTRAINT adverse_reactions_time_order CHECK ((onset_at <= received_at));

ALTER TABLE alarm_kinds ADD CONSTRAINT alarm_kinds_kind_check CHECK ((kind ~ '^[a-z_]{3,40}$'::text));

ALTER TABLE alarm_kinds ADD CONSTRAINT alarm_kinds_pkey PRIMARY KEY (kind);

ALTER TABLE alarm_kinds ADD CONSTRAINT alarm_kinds_severity_check CHECK ((severity = ANY (ARRAY['critical'::text, 'warning'::text])));

ALTER TABLE alarm_notifications ADD CONSTRAINT alarm_notifications_alarm_id_fkey FOREIGN KEY (alarm_id) REFERENCES alarms(id);

ALTER TABLE alarm_notifications ADD CONSTRAINT alarm_notifications_event_check CHECK ((event = ANY (ARRAY['raised'::text, 'escalated'::text, 'acknowledged'::text, 'cleared'::text])));

ALTER TABLE alarm_notifications ADD CONSTRAINT alarm_notifications_pkey PRIMARY KEY (alarm_id, event);

ALTER TABLE alarms ADD CONSTRAINT alarms_ack_complete CHECK ((((acknowledged_at IS NULL) = (acknowledged_by IS NULL)) AND ((acknowledged_at IS NULL) = (acknowledgement_note IS NULL))));

ALTER TABLE alarms ADD CONSTRAINT alarms_acknowledged_by_fkey FOREIGN KEY (acknowledged_by) REFERENCES users(id);

ALTER TABLE alarms ADD CONSTRAINT alarms_acknowledged_has_ack CHECK (((state <> 'acknowledged'::text) OR (acknowledged_at IS NOT NULL)));

ALTER TABLE alarms ADD CONSTRAINT alarms_cleared_complete CHECK (((state = 'cleared'::text) = (cleared_at IS NOT NULL)));

ALTER TABLE alarms ADD CONSTRAINT alarms_escalated_has_time CHECK (((state <> 'escalated'::text) OR (escalated_at IS NOT NULL)));

ALTER TABLE alarms ADD CONSTRAINT alarms_freezer_id_fkey FOREIGN KEY (freezer_id) REFERENCES freezers(id);

ALTER TABLE alarms ADD CONSTRAINT alarms_kind_fkey FOREIGN KEY (kind) REFERENCES alarm_kinds(kind);

ALTER TABLE alarms ADD CONSTRAINT alarms_pkey PRIMARY KEY (id);

ALTER TABLE alarms ADD CONSTRAINT alarms_severity_check CHECK ((severity = ANY (ARRAY['critical'::text, 'warning'::text])));

ALTER TABLE alarms ADD CONSTRAINT alarms_state_check CHECK ((state = ANY (ARRAY['open'::text, 'acknowledged'::text, 'escalated'::text, 'cleared'::text])));

ALTER TABLE alarms ADD CONSTRAINT alarms_subject_type_check CHECK ((subject_type = ANY (ARRAY['freezer_excursion'::text, 'freezer'::text, 'lab_events'::text, 'capa_action'::text, 'deviation'::text, 'adverse_reaction'::text])));

ALTER TABLE audit_anchors ADD CONSTRAINT audit_anchors_chains_check CHECK ((chains >= 0));

ALTER TABLE audit_anchors ADD CONSTRAINT audit_anchors_pkey PRIMARY KEY (id);

ALTER TABLE audit_anchors ADD CONSTRAINT audit_anchors_scheduled_for_key UNIQUE (scheduled_for);

ALTER TABLE audit_anchors ADD CONSTRAINT audit_anchors_sha256_check CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text));

ALTER TABLE audit_chain_heads ADD CONSTRAINT audit_chain_heads_pkey PRIMARY KEY (chain);

ALTER TABLE audit_entries ADD CONSTRAINT audit_entries_actor_type_check CHECK ((actor_type = ANY (ARRAY['user'::text, 'integration'::text, 'system'::text])));

ALTER TABLE audit_entries ADD CONSTRAINT audit_entries_chain_seq_key UNIQUE (chain, seq);

ALTER TABLE audit_entries ADD CONSTRAINT audit_entries_pkey PRIMARY KEY (id);

ALTER TABLE auth_sessions ADD CONSTRAINT auth_sessions_pkey PRIMARY KEY (id);

ALTER TABLE auth_sessions ADD CONSTRAINT auth_sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);

ALTER TABLE clinical_administrations ADD CONSTRAINT clinical_administrations_age CHECK (((patient_age_months >= 0) AND (patient_age_months <= 1500)));

ALTER TABLE clinical_administrations ADD CONSTRAINT clinical_administrations_arm CHECK (((protocol_id IS NULL) = (protocol_arm IS NULL)));

ALTER TABLE clinical_administrations ADD CONSTRAINT clinical_administrations_cell_type_fkey FOREIGN KEY (cell_type) REFERENCES clinical_cell_types(code);

ALTER TABLE clinical_administrations ADD CONSTRAINT clinical_administrations_din_fkey FOREIGN KEY (din) REFERENCES cord_blood_units(din);

ALTER TABLE clinical_administrations ADD CONSTRAINT clinical_administrations_dose CHECK ((dose_per_kg > (0)::double precision));

ALTER TABLE clinical_administrations ADD CONSTRAINT clinical_administrations_measured_count CHECK (((measured_cell_count IS NULL) OR (measured_cell_count > (0)::double precision)));

ALTER TABLE clinical_administrations ADD CONSTRAINT clinical_administrations_pkey PRIMARY KEY (id);

ALTER TABLE clinical_administrations ADD CONSTRAINT clinical_administrations_protocol_id_fkey FOREIGN KEY (protocol_id) REFERENCES clinical_protocols(id);

ALTER TABLE clinical_administrations ADD CONSTRAINT clinical_administrations_recovery CHECK (((recovery_pct >= (0)::numeric) AND (recovery_pct <= (200)::numeric)));

ALTER TABLE clinical_administrations ADD CONSTRAINT clinical_administrations_release_request_id_fkey FOREIGN KEY (release_request_id) REFERENCES release_requests(id);

ALTER TABLE clinical_administrations ADD CONSTRAINT clinical_administrations_request_key UNIQUE (release_request_id);

ALTER TABLE clinical_administrations ADD CONSTRAINT clinical_administrations_route_fkey FOREIGN KEY (route) REFERENCES clinical_routes(code);

ALTER TABLE clinical_administrations ADD CONSTRAINT clinical_administrations_viability CHECK (((viability_pct >= (0)::numeric) AND (viability_pct <= (100)::numeric)));

ALTER TABLE clinical_administrations ADD CONSTRAINT clinical_administrations_weight CHECK (((patient_weight_kg >= 0.3) AND (patient_weight_kg <= (300)::numeric)));

ALTER TABLE clinical_cell_types ADD CONSTRAINT clinical_cell_types_code_check CHECK ((code ~ '^[a-z][a-z0-9_]{1,39}$'::text));

ALTER TABLE clinical_cell_types ADD CONSTRAINT clinical_cell_types_dose_source_check CHECK ((dose_source = ANY (ARRAY['unit_tnc'::text, 'measured'::text])));

ALTER TABLE clinical_cell_types ADD CONSTRAINT clinical_cell_types_pkey PRIMARY KEY (code);

ALTER TABLE clinical_dose_bands ADD CONSTRAINT clinical_dose_bands_cell_type_fkey FOREIGN KEY (cell_type) REFERENCES clinical_cell_types(code);

ALTER TABLE clinical_dose_bands ADD CONSTRAINT clinical_dose_bands_code_check CHECK ((code ~ '^[a-z][a-z0-9_]{1,39}$'::text));

ALTER TABLE clinical_dose_bands ADD CONSTRAINT clinical_dose_bands_min_per_kg_check CHECK ((min_per_kg >= (0)::double precision));

ALTER TABLE clinical_dose_bands ADD CONSTRAINT clinical_dose_bands_pkey PRIMARY KEY (code);

ALTER TABLE clinical_dose_bands ADD CONSTRAINT clinical_dose_bands_range CHECK (((max_per_kg IS NULL) OR (max_per_kg > min_per_kg)));

ALTER TABLE clinical_follow_ups ADD CONSTRAINT clinical_follow_ups_pkey PRIMARY KEY (id);

ALTER TABLE clinical_follow_ups ADD CONSTRAINT clinical_follow_ups_release_request_id_fkey FOREIGN KEY (release_request_id) REFERENCES clinical_administrations(release_request_id);

ALTER TABLE clinical_follow_ups ADD CONSTRAINT clinical_follow_ups_visit_day_check CHECK (((visit_day >= 0) AND (visit_day <= 3650)));

ALTER TABLE clinical_follow_ups ADD CONSTRAINT clinical_follow_ups_visit_key UNIQUE (release_request_id, visit_day);

ALTER TABLE clinical_measurements ADD CONSTRAINT clinical_measurements_follow_up_id_fkey FOREIGN KEY (follow_up_id) REFERENCES clinical_follow_ups(id);

ALTER TABLE clinical_measurements ADD CONSTRAINT clinical_measurements_measure_fkey FOREIGN KEY (measure) REFERENCES outcome_measures(code);

ALTER TABLE clinical_measurements ADD CONSTRAINT clinical_measurements_one_value CHECK ((num_nonnulls(value_number, value_text, value_bool) = 1));

ALTER TABLE clinical_measurements ADD CONSTRAINT clinical_measurements_pkey PRIMARY KEY (id);

ALTER TABLE clinical_measurements ADD CONSTRAINT clinical_measurements_release_request_id_fkey FOREIGN KEY (release_request_id) REFERENCES clinical_administrations(release_request_id);

ALTER TABLE clinical_measurements ADD CONSTRAINT clinical_measurements_visit_measure_key UNIQUE (follow_up_id, measure);

ALTER TABLE clinical_protocols ADD CONSTRAINT clinical_protocols_identifier_key UNIQUE (identifier);

ALTER TABLE clinical_protocols ADD CONSTRAINT clinical_protocols_pkey PRIMARY KEY (id);

ALTER TABLE clinical_protocols ADD CONSTRAINT clinical_protocols_regulatory_number CHECK (((ind_number IS NOT NULL) OR (eu_ct_number IS NOT NULL)));

ALTER TABLE clinical_protocols ADD CONSTRAINT clinical_protocols_schedule_valid CHECK ((((cardinality(follow_up_days) >= 1) AND (cardinality(follow_up_days) <= 50)) AND (0 <= ALL (follow_up_days)) AND (3650 >= ALL (follow_up_days))));

ALTER TABLE clinical_protocols ADD CONSTRAINT clinical_protocols_window_valid CHECK (((visit_window_days >= 0) AND (visit_window_days <= 180)));

ALTER TABLE clinical_routes ADD CONSTRAINT clinical_routes_code_check CHECK ((code ~ '^[a-z][a-z0-9_]{1,39}$'::text));

ALTER TABLE clinical_routes ADD CONSTRAINT clinical_routes_pkey PRIMARY KEY (code);

ALTER TABLE clinical_use_schedules ADD CONSTRAINT clinical_use_schedules_intended_use_check CHECK ((intended_use = ANY (ARRAY['allogeneic_transplant'::text, 'autologous'::text, 'directed_family'::text, 'clinical_trial'::text])));

ALTER TABLE clinical_use_schedules ADD CONSTRAINT clinical_use_schedules_pkey PRIMARY KEY (intended_use);

ALTER TABLE clinical_use_schedules ADD CONSTRAINT clinical_use_schedules_valid CHECK ((((cardinality(follow_up_days) >= 1) AND (cardinality(follow_up_days) <= 50)) AND (0 <= ALL (follow_up_days)) AND (3650 >= ALL (follow_up_days)) AND ((visit_window_days >= 0) AND (visit_window_days <= 180))));

ALTER TABLE collections ADD CONSTRAINT collections_after_birth CHECK ((collected_at >= birth_at));

ALTER TABLE collections ADD CONSTRAINT collections_anticoagulant_volume_ml_check CHECK ((anticoagulant_volume_ml >= (0)::numeric));

ALTER TABLE collections ADD CONSTRAINT collections_delivery_type_check CHECK ((delivery_type = ANY (ARRAY['vaginal'::text, 'cesarean'::text])));

ALTER TABLE collections ADD CONSTRAINT collections_din_fkey FOREIGN KEY (din) REFERENCES cord_blood_units(din);

ALTER TABLE collections ADD CONSTRAINT collections_din_flags_check CHECK ((din_flags ~ '^[0-9]{2}$'::text));

ALTER TABLE collections ADD CONSTRAINT collections_din_key UNIQUE (din);

ALTER TABLE collections ADD CONSTRAINT collections_donor_id_fkey FOREIGN KEY (donor_id) REFERENCES donors(id);

ALTER TABLE collections ADD CONSTRAINT collections_gestational_age_weeks_check CHECK (((gestational_age_weeks >= (20)::numeric) AND (gestational_age_weeks <= (45)::numeric)));

ALTER TABLE collections ADD CONSTRAINT collections_gross_volume_ml_check CHECK ((gross_volume_ml > (0)::numeric));

ALTER TABLE collections ADD CONSTRAINT collections_method_check CHECK ((method = ANY (ARRAY['in_utero'::text, 'ex_utero'::text])));

ALTER TABLE collections ADD CONSTRAINT collections_pkey PRIMARY KEY (id);

ALTER TABLE consents ADD CONSTRAINT consents_donor_id_fkey FOREIGN KEY (donor_id) REFERENCES donors(id);

ALTER TABLE consents ADD CONSTRAINT consents_pkey PRIMARY KEY (id);

ALTER TABLE consents ADD CONSTRAINT consents_type_check CHECK ((type = ANY (ARRAY['public_donation'::text, 'family_storage'::text, 'research'::text])));

ALTER TABLE consents ADD CONSTRAINT consents_withdrawal_complete CHECK (((withdrawn_at IS NULL) = (withdrawal_reason IS NULL)));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_abo_check CHECK ((abo = ANY (ARRAY['O'::text, 'A'::text, 'B'::text, 'AB'::text])));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_acceptance_before_processing CHECK (((acceptance_status IS DISTINCT FROM 'pending'::text) OR ((processed_at IS NULL) AND (status = ANY (ARRAY['received'::text, 'on_hold'::text, 'rejected'::text, 'discarded'::text])))));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_acceptance_rejected CHECK (((acceptance_status IS DISTINCT FROM 'rejected'::text) OR (status = ANY (ARRAY['rejected'::text, 'discarded'::text]))));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_acceptance_status_check CHECK ((acceptance_status = ANY (ARRAY['accepted'::text, 'pending'::text, 'rejected'::text])));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_available_preconditions CHECK (((status <> 'available'::text) OR ((position_id IS NOT NULL) AND (processed_at IS NOT NULL) AND (sterility_aerobic = 'negative'::text) AND (sterility_anaerobic = 'negative'::text) AND ((banking_type = 'family'::text) OR (hla IS NOT NULL)))));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_banking_type_check CHECK ((banking_type = ANY (ARRAY['public'::text, 'family'::text])));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_cd34_count_check CHECK ((cd34_count >= (0)::numeric));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_cfu_count_check CHECK ((cfu_count >= (0)::numeric));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_din_check CHECK ((din ~ '^[A-NP-Z1-9][0-9]{4}[0-9]{2}[0-9]{6}$'::text));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_din_check_valid CHECK ((din_check ~ '^[0-9A-Z*]$'::text));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_discard_reason CHECK (((status <> 'discarded'::text) OR (discard_reason IS NOT NULL)));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_donor_id_fkey FOREIGN KEY (donor_id) REFERENCES donors(id);

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_hold_from CHECK (((status = 'on_hold'::text) = (hold_from_status IS NOT NULL)));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_nrbc_count_check CHECK ((nrbc_count >= (0)::numeric));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_pkey PRIMARY KEY (din);

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_position_fk FOREIGN KEY (position_id) REFERENCES storage_positions(id);

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_position_key UNIQUE (position_id);

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_product_code_both CHECK (((product_code IS NULL) = (product_code_version IS NULL)));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_product_code_fk FOREIGN KEY (product_code_version, product_code) REFERENCES product_codes(version, code);

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_reject_reason CHECK (((status <> 'rejected'::text) OR (rejection_reason IS NOT NULL)));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_reserved_for_fk FOREIGN KEY (reserved_for) REFERENCES release_requests(id);

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_reserved_for_key UNIQUE (reserved_for);

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_rh_check CHECK ((rh = ANY (ARRAY['positive'::text, 'negative'::text])));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_status_valid CHECK ((status = ANY (ARRAY['collected'::text, 'received'::text, 'processed'::text, 'quarantine'::text, 'available'::text, 'reserved'::text, 'shipped'::text, 'delivered'::text, 'infused'::text, 'rejected'::text, 'on_hold'::text, 'discarded'::text])));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_sterility_aerobic_check CHECK ((sterility_aerobic = ANY (ARRAY['negative'::text, 'positive'::text])));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_sterility_anaerobic_check CHECK ((sterility_anaerobic = ANY (ARRAY['negative'::text, 'positive'::text])));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_tnc_count_check CHECK ((tnc_count >= (0)::numeric));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_viability_pct_check CHECK (((viability_pct >= (0)::numeric) AND (viability_pct <= (100)::numeric)));

ALTER TABLE cord_blood_units ADD CONSTRAINT cord_blood_units_volume_ml_check CHECK ((volume_ml > (0)::numeric));

ALTER TABLE custody_events ADD CONSTRAINT custody_events_din_fkey FOREIGN KEY (din) REFERENCES cord_blood_units(din);

ALTER TABLE custody_events ADD CONSTRAINT custody_events_din_seq_key UNIQUE (din, seq);

ALTER TABLE custody_events ADD CONSTRAINT custody_events_kind_check CHECK ((kind = ANY (ARRAY['collection'::text, 'receipt'::text, 'storage'::text, 'retrieval'::text, 'shipment'::text, 'delivery'::text, 'manual'::text])));

ALTER TABLE custody_events ADD CONSTRAINT custody_events_pkey PRIMARY KEY (id);

ALTER TABLE deviation_capa_actions ADD CONSTRAINT deviation_capa_actions_deviation_id_fkey FOREIGN KEY (deviation_id) REFERENCES deviations(id);

ALTER TABLE deviation_capa_actions ADD CONSTRAINT deviation_capa_actions_pkey PRIMARY KEY (id);

ALTER TABLE deviation_capa_actions ADD CONSTRAINT deviation_capa_done CHECK ((((done_at IS NULL) = (done_by IS NULL)) AND ((done_at IS NULL) = (done_note IS NULL))));

ALTER TABLE deviation_capa_actions ADD CONSTRAINT deviation_capa_effectiveness_after_done CHECK (((effectiveness IS NULL) OR (done_at IS NOT NULL)));

ALTER TABLE deviation_capa_actions ADD CONSTRAINT deviation_capa_effectiveness_complete CHECK ((((effectiveness IS NULL) = (effectiveness_checked_at IS NULL)) AND ((effectiveness IS NULL) = (effectiveness_checked_by IS NULL)) AND ((effectiveness IS NULL) = (effectiveness_note IS NULL))));

ALTER TABLE deviation_capa_actions ADD CONSTRAINT deviation_capa_effectiveness_valid CHECK (((effectiveness IS NULL) OR (effectiveness = ANY (ARRAY['effective'::text, 'not_effective'::text]))));

ALTER TABLE deviation_capa_actions ADD CONSTRAINT deviation_capa_kind_valid CHECK ((kind = ANY (ARRAY['correction'::text, 'corrective'::text, 'preventive'::text])));

ALTER TABLE deviation_units ADD CONSTRAINT deviation_units_deviation_id_fkey FOREIGN KEY (deviation_id) REFERENCES deviations(id);

ALTER TABLE deviation_units ADD CONSTRAINT deviation_units_din_fkey FOREIGN KEY (din) REFERENCES cord_blood_units(din);

ALTER TABLE deviation_units ADD CONSTRAINT deviation_units_disposition_complete CHECK ((((disposition IS NULL) = (disposition_reason IS NULL)) AND ((disposition IS NULL) = (dispositioned_at IS NULL)) AND ((disposition IS NULL) = (dispositioned_by IS NULL))));

ALTER TABLE deviation_units ADD CONSTRAINT deviation_units_disposition_valid CHECK (((disposition IS NULL) OR (disposition = ANY (ARRAY['use_as_is'::text, 'discard'::text, 'not_affected'::text, 'distributed_consignee_notified'::text]))));

ALTER TABLE deviation_units ADD CONSTRAINT deviation_units_hold_valid CHECK ((hold = ANY (ARRAY['placed'::text, 'already_on_hold'::text, 'not_held'::text])));

ALTER TABLE deviation_units ADD CONSTRAINT deviation_units_not_held_reason CHECK (((hold = 'not_held'::text) = (not_held_reason IS NOT NULL)));

ALTER TABLE deviation_units ADD CONSTRAINT deviation_units_pkey PRIMARY KEY (deviation_id, din);

ALTER TABLE deviations ADD CONSTRAINT deviations_category_valid CHECK ((category = ANY (ARRAY['collection'::text, 'receipt'::text, 'processing'::text, 'testing'::text, 'storage'::text, 'labeling'::text, 'distribution'::text, 'documentation'::text, 'equipment'::text, 'supplies'::text, 'other'::text])));

ALTER TABLE deviations ADD CONSTRAINT deviations_closure CHECK (((status = 'closed'::text) = ((closed_at IS NOT NULL) AND (closed_by IS NOT NULL) AND (closure_summary IS NOT NULL))));

ALTER TABLE deviations ADD CONSTRAINT deviations_fda_after_discovery CHECK (((fda_reported_at IS NULL) OR (fda_reported_at >= discovered_at)));

ALTER TABLE deviations ADD CONSTRAINT deviations_fda_report CHECK ((((fda_reported_at IS NULL) = (fda_report_reference IS NULL)) AND ((fda_reported_at IS NULL) OR (fda_not_reportable_reason IS NULL))));

ALTER TABLE deviations ADD CONSTRAINT deviations_number_key UNIQUE (deviation_number);

ALTER TABLE deviations ADD CONSTRAINT deviations_pkey PRIMARY KEY (id);

ALTER TABLE deviations ADD CONSTRAINT deviations_severity_valid CHECK ((severity = ANY (ARRAY['minor'::text, 'major'::text, 'critical'::text])));

ALTER TABLE deviations ADD CONSTRAINT deviations_source_valid CHECK ((source = ANY (ARRAY['staff'::text, 'system'::text, 'adverse_reaction'::text])));

ALTER TABLE deviations ADD CONSTRAINT deviations_status_valid CHECK ((status = ANY (ARRAY['open'::text, 'investigating'::text, 'closed'::text])));

ALTER TABLE deviations ADD CONSTRAINT deviations_time_order CHECK ((occurred_at <= discovered_at));

ALTER TABLE din_counters ADD CONSTRAINT din_counters_last_sequence_check CHECK (((last_sequence >= 0) AND (last_sequence <= 999999)));

ALTER TABLE din_counters ADD CONSTRAINT din_counters_pkey PRIMARY KEY (facility_id, year);

ALTER TABLE documents ADD CONSTRAINT documents_deviation_id_fkey FOREIGN KEY (deviation_id) REFERENCES deviations(id);

ALTER TABLE documents ADD CONSTRAINT documents_din_fkey FOREIGN KEY (din) REFERENCES cord_blood_units(din);

ALTER TABLE documents ADD CONSTRAINT documents_donor_id_fkey FOREIGN KEY (donor_id) REFERENCES donors(id);

ALTER TABLE documents ADD CONSTRAINT documents_media_type_valid CHECK ((media_type = ANY (ARRAY['application/pdf'::text, 'image/png'::text, 'image/jpeg'::text, 'image/tiff'::text, 'text/plain'::text])));

ALTER TABLE documents ADD CONSTRAINT documents_one_owner CHECK (((num_nonnulls(donor_id, din, deviation_id, release_request_id) = 1) AND
CASE owner_type
    WHEN 'donor'::text THEN (donor_id IS NOT NULL)
    WHEN 'unit'::text THEN (din IS NOT NULL)
    WHEN 'deviation'::text THEN (deviation_id IS NOT NULL)
    ELSE (release_request_id IS NOT NULL)
END));

ALTER TABLE documents ADD CONSTRAINT documents_owner_type_valid CHECK ((owner_type = ANY (ARRAY['donor'::text, 'unit'::text, 'deviation'::text, 'release_request'::text])));

ALTER TABLE documents ADD CONSTRAINT documents_pkey PRIMARY KEY (id);

ALTER TABLE documents ADD CONSTRAINT documents_release_request_id_fkey FOREIGN KEY (release_request_id) REFERENCES release_requests(id);

ALTER TABLE documents ADD CONSTRAINT documents_sha256 CHECK ((sha256 = encode(sha256(content), 'hex'::text)));

ALTER TABLE documents ADD CONSTRAINT documents_size CHECK (((size_bytes = octet_length(content)) AND (size_bytes > 0)));

ALTER TABLE documents ADD CONSTRAINT documents_superseded CHECK ((((superseded_by IS NULL) = (superseded_at IS NULL)) AND ((superseded_by IS NULL) = (supersede_reason IS NULL))));

ALTER TABLE documents ADD CONSTRAINT documents_superseded_by_fkey FOREIGN KEY (superseded_by) REFERENCES documents(id);

ALTER TABLE documents ADD CONSTRAINT documents_supersedes_fkey FOREIGN KEY (supersedes) REFERENCES documents(id);

ALTER TABLE documents ADD CONSTRAINT documents_supersedes_key UNIQUE (supersedes);

ALTER TABLE donors ADD CONSTRAINT donors_banking_type_check CHECK ((banking_type = ANY (ARRAY['public'::text, 'family'::text])));

ALTER TABLE donors ADD CONSTRAINT donors_donor_number_key UNIQUE (donor_number);

ALTER TABLE donors ADD CONSTRAINT donors_pkey PRIMARY KEY (id);

ALTER TABLE eligibility_determinations ADD CONSTRAINT eligibility_determinations_din_fkey FOREIGN KEY (din) REFERENCES cord_blood_units(din);

ALTER TABLE eligibility_determinations ADD CONSTRAINT eligibility_determinations_pkey PRIMARY KEY (id);

ALTER TABLE eligibility_determinations ADD CONSTRAINT eligibility_determinations_status_check CHECK ((status = ANY (ARRAY['eligible'::text, 'ineligible'::text])));

ALTER TABLE eligibility_determinations ADD CONSTRAINT eligibility_determinations_void_complete CHECK (((voided_at IS NULL) = (void_reason IS NULL)));

ALTER TABLE equipment ADD CONSTRAINT equipment_has_a_due_date CHECK (((calibration_due_on IS NOT NULL) OR (maintenance_due_on IS NOT NULL)));

ALTER TABLE equipment ADD CONSTRAINT equipment_out_of_service_recorded CHECK (((in_service = (out_of_service_since IS NULL)) AND ((out_of_service_since IS NULL) = (out_of_service_reason IS NULL)) AND ((out_of_service_since IS NULL) = (out_of_service_by IS NULL)) AND ((out_of_service_reason IS NULL) OR (length(btrim(out_of_service_reason)) > 0))));

ALTER TABLE equipment ADD CONSTRAINT equipment_pkey PRIMARY KEY (id);

ALTER TABLE equipment ADD CONSTRAINT equipment_type_check CHECK ((type = ANY (ARRAY['centrifuge'::text, 'cell_processor'::text, 'controlled_rate_freezer'::text, 'cell_counter'::text, 'flow_cytometer'::text, 'biosafety_cabinet'::text, 'balance'::text, 'sterile_connector'::text, 'tube_sealer'::text, 'thermometer'::text, 'other'::text])));

ALTER TABLE equipment_services ADD CONSTRAINT equipment_services_due_after CHECK ((next_due_on > performed_on));

ALTER TABLE equipment_services ADD CONSTRAINT equipment_services_equipment_id_fkey FOREIGN KEY (equipment_id) REFERENCES equipment(id);

ALTER TABLE equipment_services ADD CONSTRAINT equipment_services_kind_check CHECK ((kind = ANY (ARRAY['calibration'::text, 'maintenance'::text])));

ALTER TABLE equipment_services ADD CONSTRAINT equipment_services_pkey PRIMARY KEY (id);

ALTER TABLE freezer_excursions ADD CONSTRAINT freezer_excursions_closed_by_reading_fkey FOREIGN KEY (closed_by_reading) REFERENCES freezer_temperature_readings(id);

ALTER TABLE freezer_excursions ADD CONSTRAINT freezer_excursions_freezer_id_fkey FOREIGN KEY (freezer_id) REFERENCES freezers(id);

ALTER TABLE freezer_excursions ADD CONSTRAINT freezer_excursions_interval CHECK (((ended_at IS NULL) OR (ended_at >= started_at)));

ALTER TABLE freezer_excursions ADD CONSTRAINT freezer_excursions_opened_by_reading_fkey FOREIGN KEY (opened_by_reading) REFERENCES freezer_temperature_readings(id);

ALTER TABLE freezer_excursions ADD CONSTRAINT freezer_excursions_pkey PRIMARY KEY (id);

ALTER TABLE freezer_heartbeats ADD CONSTRAINT freezer_heartbeats_freezer_id_fkey FOREIGN KEY (freezer_id) REFERENCES freezers(id);

ALTER TABLE freezer_heartbeats ADD CONSTRAINT freezer_heartbeats_pkey PRIMARY KEY (freezer_id);

ALTER TABLE freezer_occupancy ADD CONSTRAINT freezer_occupancy_freezer_id_fkey FOREIGN KEY (freezer_id) REFERENCES freezers(id);

ALTER TABLE freezer_occupancy ADD CONSTRAINT freezer_occupancy_pkey PRIMARY KEY (freezer_id);

ALTER TABLE freezer_occupancy ADD CONSTRAINT freezer_occupancy_used_count_check CHECK ((used_count >= 0));

ALTER TABLE freezer_temperature_readings ADD CONSTRAINT freezer_temperature_readings_freezer_id_fkey FOREIGN KEY (freezer_id) REFERENCES freezers(id);

ALTER TABLE freezer_temperature_readings ADD CONSTRAINT freezer_temperature_readings_pkey PRIMARY KEY (id);

ALTER TABLE freezer_temperature_readings ADD CONSTRAINT freezer_temperature_readings_source_check CHECK ((source = ANY (ARRAY['staff'::text, 'lab_event'::text])));

ALTER TABLE freezer_temperature_readings ADD CONSTRAINT freezer_temperature_readings_temperature_c_check CHECK (((temperature_c >= '-273.15'::numeric) AND (temperature_c <= (100)::numeric)));

ALTER TABLE freezer_temperature_reviews ADD CONSTRAINT freezer_temperature_reviews_action CHECK (((outcome = 'acceptable'::text) OR (length(btrim(corrective_action)) >= 3)));

ALTER TABLE freezer_temperature_reviews ADD CONSTRAINT freezer_temperature_reviews_finding_check CHECK ((length(btrim(finding)) >= 3));

ALTER TABLE freezer_temperature_reviews ADD CONSTRAINT freezer_temperature_reviews_freezer_id_fkey FOREIGN KEY (freezer_id) REFERENCES freezers(id);

ALTER TABLE freezer_temperature_reviews ADD CONSTRAINT freezer_temperature_reviews_outcome_check CHECK ((outcome = ANY (ARRAY['acceptable'::text, 'action_required'::text])));

ALTER TABLE freezer_temperature_reviews ADD CONSTRAINT freezer_temperature_reviews_period CHECK (((period_from < period_to) AND (period_to <= reviewed_at)));

ALTER TABLE freezer_temperature_reviews ADD CONSTRAINT freezer_temperature_reviews_pkey PRIMARY KEY (id);

ALTER TABLE freezers ADD CONSTRAINT freezers_code_key UNIQUE (code);

ALTER TABLE freezers ADD CONSTRAINT freezers_layout_valid CHECK ((((racks >= 1) AND (racks <= 1000)) AND ((boxes_per_rack >= 1) AND (boxes_per_rack <= 1000)) AND ((rows_per_box >= 1) AND (rows_per_box <= 26)) AND ((columns_per_box >= 1) AND (columns_per_box <= 99)) AND (((((racks)::bigint * boxes_per_rack) * rows_per_box) * columns_per_box) <= 100000)));

ALTER TABLE freezers ADD CONSTRAINT freezers_max_temperature_c_check CHECK (((max_temperature_c >= ('-273'::integer)::numeric) AND (max_temperature_c <= (40)::numeric)));

ALTER TABLE freezers ADD CONSTRAINT freezers_name_valid CHECK ((((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 100)) AND (name !~* '^F[0-9]+$'::text)));

ALTER TABLE freezers ADD CONSTRAINT freezers_open_excursion_fk FOREIGN KEY (open_excursion_id) REFERENCES freezer_excursions(id);

ALTER TABLE freezers ADD CONSTRAINT freezers_pkey PRIMARY KEY (id);

ALTER TABLE freezers ADD CONSTRAINT freezers_seq_key UNIQUE (seq);

ALTER TABLE freezers ADD CONSTRAINT freezers_type_check CHECK ((type = ANY (ARRAY['liquid_nitrogen'::text, 'vapor_phase'::text, 'mechanical'::text])));

ALTER TABLE idm_tests ADD CONSTRAINT idm_tests_documented CHECK ((legacy OR ((test_kit IS NOT NULL) AND (method = ANY (ARRAY['NAT'::text, 'serology'::text])) AND (lab IS NOT NULL) AND (lab_clia_number IS NOT NULL) AND (transfused_before_sample IS NOT NULL) AND ((transfused_before_sample = false) OR (dilution_acceptable IS NOT NULL)))));

ALTER TABLE idm_tests ADD CONSTRAINT idm_tests_donor_id_fkey FOREIGN KEY (donor_id) REFERENCES donors(id);

ALTER TABLE idm_tests ADD CONSTRAINT idm_tests_entered_by_fkey FOREIGN KEY (entered_by) REFERENCES users(id);

ALTER TABLE idm_tests ADD CONSTRAINT idm_tests_marker_check CHECK ((marker = ANY (ARRAY['HIV-1'::text, 'HIV-2'::text, 'HBsAg'::text, 'anti-HBc'::text, 'HCV'::text, 'HTLV-I/II'::text, 'syphilis'::text, 'WNV'::text, 'T. cruzi'::text, 'CMV'::text, 'syphilis-treponemal'::text])));

ALTER TABLE idm_tests ADD CONSTRAINT idm_tests_pkey PRIMARY KEY (id);

ALTER TABLE idm_tests ADD CONSTRAINT idm_tests_result_check CHECK ((result = ANY (ARRAY['negative'::text, 'positive'::text, 'indeterminate'::text])));

ALTER TABLE idm_tests ADD CONSTRAINT idm_tests_source_check CHECK ((source = ANY (ARRAY['staff'::text, 'lab_event'::text, 'import'::text])));

ALTER TABLE import_units ADD CONSTRAINT import_units_din_fkey FOREIGN KEY (din) REFERENCES cord_blood_units(din);

ALTER TABLE import_units ADD CONSTRAINT import_units_import_id_fkey FOREIGN KEY (import_id) REFERENCES imports(id);

ALTER TABLE import_units ADD CONSTRAINT import_units_pkey PRIMARY KEY (din);

ALTER TABLE import_units ADD CONSTRAINT import_units_target_status_check CHECK ((target_status = ANY (ARRAY['collected'::text, 'received'::text, 'processed'::text, 'quarantine'::text, 'available'::text])));

ALTER TABLE imports ADD CONSTRAINT imports_completed_finished CHECK (((status <> 'completed'::text) OR (finished_at IS NOT NULL)));

ALTER TABLE imports ADD CONSTRAINT imports_pkey PRIMARY KEY (id);

ALTER TABLE imports ADD CONSTRAINT imports_status_check CHECK ((status = ANY (ARRAY['queued'::text, 'running'::text, 'completed'::text, 'failed'::text])));

ALTER TABLE integrations ADD CONSTRAINT integrations_created_by_fkey FOREIGN KEY (created_by) REFERENCES users(id);

ALTER TABLE integrations ADD CONSTRAINT integrations_pkey PRIMARY KEY (id);

ALTER TABLE integrations ADD CONSTRAINT integrations_revoked_by_fkey FOREIGN KEY (revoked_by) REFERENCES users(id);

ALTER TABLE lab_events ADD CONSTRAINT lab_events_answer_status_check CHECK (((answer_status >= 200) AND (answer_status <= 599)));

ALTER TABLE lab_events ADD CONSTRAINT lab_events_applied_at CHECK (((status = 'applied'::text) = (applied_at IS NOT NULL)));

ALTER TABLE lab_events ADD CONSTRAINT lab_events_attempts_check CHECK ((attempts >= 0));

ALTER TABLE lab_events ADD CONSTRAINT lab_events_body_hash_check CHECK ((body_hash ~ '^[0-9a-f]{64}$'::text));

ALTER TABLE lab_events ADD CONSTRAINT lab_events_dismissal CHECK ((((status = 'dismissed'::text) = (dismissed_at IS NOT NULL)) AND ((dismissed_at IS NULL) = (dismissed_by IS NULL)) AND ((dismissed_at IS NULL) = (dismiss_reason IS NULL)) AND ((dismiss_reason IS NULL) OR ((length(btrim(dismiss_reason)) >= 1) AND (length(btrim(dismiss_reason)) <= 2000)))));

ALTER TABLE lab_events ADD CONSTRAINT lab_events_event_id_check CHECK (((length(event_id) >= 1) AND (length(event_id) <= 128)));

ALTER TABLE lab_events ADD CONSTRAINT lab_events_integration_event_key UNIQUE (integration_id, event_id);

ALTER TABLE lab_events ADD CONSTRAINT lab_events_integration_id_fkey FOREIGN KEY (integration_id) REFERENCES integrations(id);

ALTER TABLE lab_events ADD CONSTRAINT lab_events_one_subject CHECK ((num_nonnulls(din, donor_number, freezer) = 1));

ALTER TABLE lab_events ADD CONSTRAINT lab_events_pkey PRIMARY KEY (id);

ALTER TABLE lab_events ADD CONSTRAINT lab_events_problem CHECK (((status <> ALL (ARRAY['parked'::text, 'rejected'::text])) OR (problem IS NOT NULL)));

ALTER TABLE lab_events ADD CONSTRAINT lab_events_status_check CHECK ((status = ANY (ARRAY['applied'::text, 'parked'::text, 'rejected'::text, 'dismissed'::text])));

ALTER TABLE lab_events ADD CONSTRAINT lab_events_type_check CHECK ((type = ANY (ARRAY['sample.received'::text, 'processing.completed'::text, 'hla.typed'::text, 'abo.typed'::text, 'sterility.resulted'::text, 'idm.resulted'::text, 'freezer.temperature'::text])));

ALTER TABLE lookback_consignees ADD CONSTRAINT lookback_consignees_key UNIQUE (lookback_id, facility, physician);

ALTER TABLE lookback_consignees ADD CONSTRAINT lookback_consignees_lookback_id_fkey FOREIGN KEY (lookback_id) REFERENCES lookbacks(id);

ALTER TABLE lookback_consignees ADD CONSTRAINT lookback_consignees_pkey PRIMARY KEY (id);

ALTER TABLE lookback_notifications ADD CONSTRAINT lookback_notifications_ack CHECK ((acknowledged = (acknowledged_at IS NOT NULL)));

ALTER TABLE lookback_notifications ADD CONSTRAINT lookback_notifications_ack_after CHECK (((acknowledged_at IS NULL) OR (acknowledged_at >= notified_at)));

ALTER TABLE lookback_notifications ADD CONSTRAINT lookback_notifications_consignee_id_fkey FOREIGN KEY (consignee_id) REFERENCES lookback_consignees(id);

ALTER TABLE lookback_notifications ADD CONSTRAINT lookback_notifications_lookback_id_fkey FOREIGN KEY (lookback_id) REFERENCES lookbacks(id);

ALTER TABLE lookback_notifications ADD CONSTRAINT lookback_notifications_method_check CHECK ((method = ANY (ARRAY['phone'::text, 'email'::text, 'fax'::text, 'letter'::text, 'in_person'::text])));

ALTER TABLE lookback_notifications ADD CONSTRAINT lookback_notifications_pkey PRIMARY KEY (id);

ALTER TABLE lookback_units ADD CONSTRAINT lookback_units_action_check CHECK ((action = ANY (ARRAY['held'::text, 'already_on_hold'::text, 'distributed'::text, 'out_of_inventory'::text])));

ALTER TABLE lookback_units ADD CONSTRAINT lookback_units_din_fkey FOREIGN KEY (din) REFERENCES cord_blood_units(din);

ALTER TABLE lookback_units ADD CONSTRAINT lookback_units_disposition CHECK ((((disposition IS NULL) = (dispositioned_at IS NULL)) AND ((disposition IS NULL) OR (dispositioned_by IS NOT NULL))));

ALTER TABLE lookback_units ADD CONSTRAINT lookback_units_disposition_check CHECK ((disposition = ANY (ARRAY['discarded'::text, 'returned_to_inventory'::text, 'recalled'::text, 'used_recipient_followed_up'::text, 'no_action'::text])));

ALTER TABLE lookback_units ADD CONSTRAINT lookback_units_lookback_id_fkey FOREIGN KEY (lookback_id) REFERENCES lookbacks(id);

ALTER TABLE lookback_units ADD CONSTRAINT lookback_units_pkey PRIMARY KEY (lookback_id, din);

ALTER TABLE lookback_units ADD CONSTRAINT lookback_units_release_request_id_fkey FOREIGN KEY (release_request_id) REFERENCES release_requests(id);

ALTER TABLE lookbacks ADD CONSTRAINT lookbacks_closed CHECK (((status = 'closed'::text) = ((closed_at IS NOT NULL) AND (closed_by IS NOT NULL) AND (closure_signature IS NOT NULL))));

ALTER TABLE lookbacks ADD CONSTRAINT lookbacks_number_key UNIQUE (lookback_number);

ALTER TABLE lookbacks ADD CONSTRAINT lookbacks_pkey PRIMARY KEY (id);

ALTER TABLE lookbacks ADD CONSTRAINT lookbacks_reason_check CHECK ((length(btrim(reason)) > 0));

ALTER TABLE lookbacks ADD CONSTRAINT lookbacks_status_check CHECK ((status = ANY (ARRAY['open'::text, 'closed'::text])));

ALTER TABLE lookbacks ADD CONSTRAINT lookbacks_trigger_type_check CHECK ((trigger_type = ANY (ARRAY['donor'::text, 'supply_lot'::text, 'freezer'::text, 'dins'::text, 'equipment'::text])));

ALTER TABLE migrations ADD CONSTRAINT "PK_8c82d7f526340ab734260ea46be" PRIMARY KEY (id);

ALTER TABLE notification_attempts ADD CONSTRAINT notification_attempts_attempt_check CHECK ((attempt >= 1));

ALTER TABLE notification_attempts ADD CONSTRAINT notification_attempts_delivery_attempt_key UNIQUE (delivery_id, attempt);

ALTER TABLE notification_attempts ADD CONSTRAINT notification_attempts_delivery_id_fkey FOREIGN KEY (delivery_id) REFERENCES notification_deliveries(id);

ALTER TABLE notification_attempts ADD CONSTRAINT notification_attempts_outcome_check CHECK ((outcome = ANY (ARRAY['delivered'::text, 'failed'::text])));

ALTER TABLE notification_attempts ADD CONSTRAINT notification_attempts_pkey PRIMARY KEY (id);

ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_alarm_id_fkey FOREIGN KEY (alarm_id) REFERENCES alarms(id);

ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_attempts_check CHECK ((attempts >= 0));

ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_channel_check CHECK ((channel = ANY (ARRAY['email'::text, 'webhook'::text])));

ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_delivered CHECK (((state = 'delivered'::text) = (delivered_at IS NOT NULL)));

ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_event_check CHECK ((event = ANY (ARRAY['raised'::text, 'escalated'::text, 'acknowledged'::text, 'cleared'::text])));

ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_lease CHECK (((state = 'sending'::text) = (lease_until IS NOT NULL)));

ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_once_key UNIQUE (alarm_id, event, channel, recipient);

ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_pkey PRIMARY KEY (id);

ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_state_check CHECK ((state = ANY (ARRAY['pending'::text, 'sending'::text, 'delivered'::text, 'failed'::text, 'not_configured'::text])));

ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);

ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_webhook CHECK (((channel = 'webhook'::text) = (webhook_id IS NOT NULL)));

ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_webhook_id_fkey FOREIGN KEY (webhook_id) REFERENCES webhooks(id);

ALTER TABLE notification_subscriptions ADD CONSTRAINT notification_subscriptions_alarm_kind_fkey FOREIGN KEY (alarm_kind) REFERENCES alarm_kinds(kind);

ALTER TABLE notification_subscriptions ADD CONSTRAINT notification_subscriptions_event_check CHECK ((event = ANY (ARRAY['raised'::text, 'escalated'::text, 'acknowledged'::text, 'cleared'::text])));

ALTER TABLE notification_subscriptions ADD CONSTRAINT notification_subscriptions_pkey PRIMARY KEY (role, alarm_kind, event);

ALTER TABLE notification_subscriptions ADD CONSTRAINT notification_subscriptions_role_check CHECK ((role = ANY (ARRAY['admin'::text, 'coordinator'::text, 'lab_technician'::text, 'quality_assurance'::text, 'medical_director'::text, 'auditor'::text])));

ALTER TABLE outcome_exports ADD CONSTRAINT outcome_exports_min_cell_size_check CHECK ((min_cell_size >= 5));

ALTER TABLE outcome_exports ADD CONSTRAINT outcome_exports_pkey PRIMARY KEY (id);

ALTER TABLE outcome_measures ADD CONSTRAINT outcome_measures_baseline_numeric CHECK (((NOT change_from_baseline) OR (value_type = ANY (ARRAY['number'::text, 'integer'::text]))));

ALTER TABLE outcome_measures ADD CONSTRAINT outcome_measures_categories CHECK (((value_type = 'category'::text) = ((categories IS NOT NULL) AND (cardinality(categories) >= 2))));

ALTER TABLE outcome_measures ADD CONSTRAINT outcome_measures_code_check CHECK ((code ~ '^[a-z][a-z0-9_]{1,39}$'::text));

ALTER TABLE outcome_measures ADD CONSTRAINT outcome_measures_numeric_range CHECK (((value_type <> ALL (ARRAY['number'::text, 'integer'::text])) OR ((min_value IS NOT NULL) AND (max_value IS NOT NULL) AND (min_value < max_value))));

ALTER TABLE outcome_measures ADD CONSTRAINT outcome_measures_pkey PRIMARY KEY (code);

ALTER TABLE outcome_measures ADD CONSTRAINT outcome_measures_uses CHECK (((cardinality(applicable_uses) >= 1) AND (applicable_uses <@ ARRAY['allogeneic_transplant'::text, 'autologous'::text, 'directed_family'::text, 'clinical_trial'::text])));

ALTER TABLE outcome_measures ADD CONSTRAINT outcome_measures_value_type_check CHECK ((value_type = ANY (ARRAY['number'::text, 'integer'::text, 'boolean'::text, 'category'::text])));

ALTER TABLE product_code_tables ADD CONSTRAINT product_code_tables_code_count_check CHECK ((code_count >= 1));

ALTER TABLE product_code_tables ADD CONSTRAINT product_code_tables_pkey PRIMARY KEY (version);

ALTER TABLE product_code_tables ADD CONSTRAINT product_code_tables_source_sha256_check CHECK ((source_sha256 ~ '^[0-9a-f]{64}$'::text));

ALTER TABLE product_code_tables ADD CONSTRAINT product_code_tables_version_check CHECK ((version >= 1));

ALTER TABLE product_codes ADD CONSTRAINT product_codes_class_check CHECK (((length(btrim(class)) >= 1) AND (length(btrim(class)) <= 200)));

ALTER TABLE product_codes ADD CONSTRAINT product_codes_code_check CHECK ((code ~ '^[A-Z][A-Z0-9]{4}$'::text));

ALTER TABLE product_codes ADD CONSTRAINT product_codes_description_check CHECK (((length(btrim(description)) >= 1) AND (length(btrim(description)) <= 500)));

ALTER TABLE product_codes ADD CONSTRAINT product_codes_pkey PRIMARY KEY (version, code);

ALTER TABLE product_codes ADD CONSTRAINT product_codes_version_fkey FOREIGN KEY (version) REFERENCES product_code_tables(version);

ALTER TABLE quality_record_counters ADD CONSTRAINT quality_record_counters_pkey PRIMARY KEY (kind);

ALTER TABLE release_requests ADD CONSTRAINT release_requests_approval_from_approved CHECK (((status <> ALL (ARRAY['approved'::text, 'shipped'::text, 'delivered'::text, 'completed'::text])) OR ((approved_at IS NOT NULL) AND (approved_by IS NOT NULL))));

ALTER TABLE release_requests ADD CONSTRAINT release_requests_cancellation CHECK (((status = 'cancelled'::text) = ((cancelled_at IS NOT NULL) AND (cancel_reason IS NOT NULL))));

ALTER TABLE release_requests ADD CONSTRAINT release_requests_delivery_from_delivered CHECK (((status <> ALL (ARRAY['delivered'::text, 'completed'::text])) OR ((received_at IS NOT NULL) AND (received_by IS NOT NULL) AND (delivery_temperature_ok IS NOT NULL))));

ALTER TABLE release_requests ADD CONSTRAINT release_requests_din_fkey FOREIGN KEY (din) REFERENCES cord_blood_units(din);

ALTER TABLE release_requests ADD CONSTRAINT release_requests_intended_use_valid CHECK ((intended_use = ANY (ARRAY['allogeneic_transplant'::text, 'autologous'::text, 'directed_family'::text, 'clinical_trial'::text])));

ALTER TABLE release_requests ADD CONSTRAINT release_requests_number_key UNIQUE (request_number);

ALTER TABLE release_requests ADD CONSTRAINT release_requests_outcome_when_completed CHECK (((status <> 'completed'::text) OR (infused_at IS NOT NULL)));

ALTER TABLE release_requests ADD CONSTRAINT release_requests_pkey PRIMARY KEY (id);

ALTER TABLE release_requests ADD CONSTRAINT release_requests_shipment_from_shipped CHECK (((status <> ALL (ARRAY['shipped'::text, 'delivered'::text, 'completed'::text])) OR ((dispatched_at IS NOT NULL) AND (courier IS NOT NULL) AND (shipper_id IS NOT NULL) AND (temperature_logger_id IS NOT NULL))));

ALTER TABLE release_requests ADD CONSTRAINT release_requests_status_valid CHECK ((status = ANY (ARRAY['submitted'::text, 'reserved'::text, 'approved'::text, 'shipped'::text, 'delivered'::text, 'completed'::text, 'cancelled'::text])));

ALTER TABLE release_requests ADD CONSTRAINT release_requests_unit_from_reserved CHECK (((status = ANY (ARRAY['submitted'::text, 'cancelled'::text])) OR ((din IS NOT NULL) AND (reserved_at IS NOT NULL))));

ALTER TABLE release_requests ADD CONSTRAINT release_requests_weight_valid CHECK (((patient_weight_kg >= 0.3) AND (patient_weight_kg <= (300)::numeric)));

ALTER TABLE screenings ADD CONSTRAINT screenings_corrected_by_fkey FOREIGN KEY (corrected_by) REFERENCES users(id);

ALTER TABLE screenings ADD CONSTRAINT screenings_correction_complete CHECK (((corrected_at IS NULL) = (correction_reason IS NULL)));

ALTER TABLE screenings ADD CONSTRAINT screenings_donor_id_fkey FOREIGN KEY (donor_id) REFERENCES donors(id);

ALTER TABLE screenings ADD CONSTRAINT screenings_pkey PRIMARY KEY (id);

ALTER TABLE security_events ADD CONSTRAINT security_events_detail_check CHECK ((length(btrim(detail)) > 0));

ALTER TABLE security_events ADD CONSTRAINT security_events_failures_check CHECK ((failures > 0));

ALTER TABLE security_events ADD CONSTRAINT security_events_kind_check CHECK ((kind = ANY (ARRAY['repeated_failed_logins'::text, 'repeated_failed_signatures'::text, 'login_address_throttled'::text])));

ALTER TABLE security_events ADD CONSTRAINT security_events_pkey PRIMARY KEY (id);

ALTER TABLE security_events ADD CONSTRAINT security_events_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);

ALTER TABLE storage_boxes ADD CONSTRAINT storage_boxes_box_no_check CHECK ((box_no >= 1));

ALTER TABLE storage_boxes ADD CONSTRAINT storage_boxes_capacity_check CHECK ((capacity >= 1));

ALTER TABLE storage_boxes ADD CONSTRAINT storage_boxes_freezer_id_fkey FOREIGN KEY (freezer_id) REFERENCES freezers(id);

ALTER TABLE storage_boxes ADD CONSTRAINT storage_boxes_freezer_rack_box_key UNIQUE (freezer_id, rack_no, box_no);

ALTER TABLE storage_boxes ADD CONSTRAINT storage_boxes_id_freezer_key UNIQUE (id, freezer_id);

ALTER TABLE storage_boxes ADD CONSTRAINT storage_boxes_label_key UNIQUE (label);

ALTER TABLE storage_boxes ADD CONSTRAINT storage_boxes_pkey PRIMARY KEY (id);

ALTER TABLE storage_boxes ADD CONSTRAINT storage_boxes_rack_id_fkey FOREIGN KEY (rack_id) REFERENCES storage_racks(id);

ALTER TABLE storage_boxes ADD CONSTRAINT storage_boxes_used_range CHECK (((used_count >= 0) AND (used_count <= capacity)));

ALTER TABLE storage_positions ADD CONSTRAINT storage_positions_box_cell_key UNIQUE (box_id, row_no, col_no);

ALTER TABLE storage_positions ADD CONSTRAINT storage_positions_box_fk FOREIGN KEY (box_id, freezer_id) REFERENCES storage_boxes(id, freezer_id);

ALTER TABLE storage_positions ADD CONSTRAINT storage_positions_col_no_check CHECK (((col_no >= 1) AND (col_no <= 99)));

ALTER TABLE storage_positions ADD CONSTRAINT storage_positions_label_key UNIQUE (label);

ALTER TABLE storage_positions ADD CONSTRAINT storage_positions_pkey PRIMARY KEY (id);

ALTER TABLE storage_positions ADD CONSTRAINT storage_positions_row_no_check CHECK (((row_no >= 1) AND (row_no <= 26)));

ALTER TABLE storage_racks ADD CONSTRAINT storage_racks_freezer_id_fkey FOREIGN KEY (freezer_id) REFERENCES freezers(id);

ALTER TABLE storage_racks ADD CONSTRAINT storage_racks_freezer_rack_key UNIQUE (freezer_id, rack_no);

ALTER TABLE storage_racks ADD CONSTRAINT storage_racks_label_key UNIQUE (label);

ALTER TABLE storage_racks ADD CONSTRAINT storage_racks_pkey PRIMARY KEY (id);

ALTER TABLE storage_racks ADD CONSTRAINT storage_racks_rack_no_check CHECK ((rack_no >= 1));

ALTER TABLE supply_exceptions ADD CONSTRAINT supply_exceptions_din_fkey FOREIGN KEY (din) REFERENCES cord_blood_units(din);

ALTER TABLE supply_exceptions ADD CONSTRAINT supply_exceptions_equipment_id_fkey FOREIGN KEY (equipment_id) REFERENCES equipment(id);

ALTER TABLE supply_exceptions ADD CONSTRAINT supply_exceptions_one_subject CHECK ((num_nonnulls(supply_lot_id, equipment_id) = 1));

ALTER TABLE supply_exceptions ADD CONSTRAINT supply_exceptions_pkey PRIMARY KEY (id);

ALTER TABLE supply_exceptions ADD CONSTRAINT supply_exceptions_reason_check CHECK ((length(btrim(reason)) > 0));

ALTER TABLE supply_exceptions ADD CONSTRAINT supply_exceptions_supply_lot_id_fkey FOREIGN KEY (supply_lot_id) REFERENCES supply_lots(id);

ALTER TABLE supply_exceptions ADD CONSTRAINT supply_exceptions_valid_after_grant CHECK ((valid_until > granted_at));

ALTER TABLE supply_lots ADD CONSTRAINT supply_lots_pkey PRIMARY KEY (id);

ALTER TABLE supply_lots ADD CONSTRAINT supply_lots_qc_decision CHECK (((qc_status = 'pending'::text) OR ((qc_decided_by IS NOT NULL) AND (qc_decided_at IS NOT NULL))));

ALTER TABLE supply_lots ADD CONSTRAINT supply_lots_qc_status_check CHECK ((qc_status = ANY (ARRAY['pending'::text, 'accepted'::text, 'rejected'::text])));

ALTER TABLE supply_lots ADD CONSTRAINT supply_lots_type_check CHECK ((type = ANY (ARRAY['collection_bag'::text, 'anticoagulant'::text, 'cryoprotectant'::text, 'hetastarch'::text, 'reagent'::text, 'freezing_bag'::text])));

ALTER TABLE unit_equipment ADD CONSTRAINT unit_equipment_din_fkey FOREIGN KEY (din) REFERENCES cord_blood_units(din);

ALTER TABLE unit_equipment ADD CONSTRAINT unit_equipment_equipment_id_fkey FOREIGN KEY (equipment_id) REFERENCES equipment(id);

ALTER TABLE unit_equipment ADD CONSTRAINT unit_equipment_exception_id_fkey FOREIGN KEY (exception_id) REFERENCES supply_exceptions(id);

ALTER TABLE unit_equipment ADD CONSTRAINT unit_equipment_pkey PRIMARY KEY (din, equipment_id, stage);

ALTER TABLE unit_equipment ADD CONSTRAINT unit_equipment_stage_check CHECK ((stage = ANY (ARRAY['collection'::text, 'processing'::text])));

ALTER TABLE unit_excursions ADD CONSTRAINT unit_excursions_corrective_action CHECK (((reviewed_at IS NULL) OR (length(btrim(review_corrective_action)) >= 3))) NOT VALID;

ALTER TABLE unit_excursions ADD CONSTRAINT unit_excursions_din_excursion_key UNIQUE (din, excursion_id);

ALTER TABLE unit_excursions ADD CONSTRAINT unit_excursions_din_fkey FOREIGN KEY (din) REFERENCES cord_blood_units(din);

ALTER TABLE unit_excursions ADD CONSTRAINT unit_excursions_excursion_id_fkey FOREIGN KEY (excursion_id) REFERENCES freezer_excursions(id);

ALTER TABLE unit_excursions ADD CONSTRAINT unit_excursions_pkey PRIMARY KEY (id);

ALTER TABLE unit_excursions ADD CONSTRAINT unit_excursions_review_complete CHECK ((((reviewed_at IS NULL) = (review_outcome IS NULL)) AND ((reviewed_at IS NULL) = (reviewed_by IS NULL)) AND ((reviewed_at IS NULL) = (review_reason IS NULL))));

ALTER TABLE unit_excursions ADD CONSTRAINT unit_excursions_review_outcome_check CHECK ((review_outcome = ANY (ARRAY['acceptable'::text, 'unacceptable'::text])));

ALTER TABLE unit_label_prints ADD CONSTRAINT unit_label_prints_content_sha256_check CHECK ((content_sha256 ~ '^[0-9a-f]{64}$'::text));

ALTER TABLE unit_label_prints ADD CONSTRAINT unit_label_prints_din_fkey FOREIGN KEY (din) REFERENCES cord_blood_units(din);

ALTER TABLE unit_label_prints ADD CONSTRAINT unit_label_prints_din_stage_print_number_key UNIQUE (din, stage, print_number);

ALTER TABLE unit_label_prints ADD CONSTRAINT unit_label_prints_format_check CHECK ((format = ANY (ARRAY['pdf'::text, 'zpl'::text])));

ALTER TABLE unit_label_prints ADD CONSTRAINT unit_label_prints_pkey PRIMARY KEY (id);

ALTER TABLE unit_label_prints ADD CONSTRAINT unit_label_prints_print_number_check CHECK ((print_number >= 1));

ALTER TABLE unit_label_prints ADD CONSTRAINT unit_label_prints_reprint_reason CHECK (((print_number = 1) OR (length(btrim(COALESCE(reason, ''::text))) >= 3)));

ALTER TABLE unit_label_prints ADD CONSTRAINT unit_label_prints_stage_check CHECK ((stage = ANY (ARRAY['collection'::text, 'processing'::text, 'final'::text, 'shipping'::text])));

ALTER TABLE unit_label_verifications ADD CONSTRAINT unit_label_verifications_check CHECK (((result = 'match'::text) = (jsonb_array_length(mismatches) = 0)));

ALTER TABLE unit_label_verifications ADD CONSTRAINT unit_label_verifications_din_fkey FOREIGN KEY (din) REFERENCES cord_blood_units(din);

ALTER TABLE unit_label_verifications ADD CONSTRAINT unit_label_verifications_pkey PRIMARY KEY (id);

ALTER TABLE unit_label_verifications ADD CONSTRAINT unit_label_verifications_result_check CHECK ((result = ANY (ARRAY['match'::text, 'mismatch'::text])));

ALTER TABLE unit_label_verifications ADD CONSTRAINT unit_label_verifications_stage_check CHECK ((stage = ANY (ARRAY['collection'::text, 'processing'::text, 'final'::text, 'shipping'::text])));

ALTER TABLE unit_results ADD CONSTRAINT unit_results_din_fkey FOREIGN KEY (din) REFERENCES cord_blood_units(din);

ALTER TABLE unit_results ADD CONSTRAINT unit_results_kind_check CHECK ((kind = ANY (ARRAY['receipt'::text, 'processing'::text, 'hla'::text, 'abo'::text, 'sterility'::text])));

ALTER TABLE unit_results ADD CONSTRAINT unit_results_pkey PRIMARY KEY (id);

ALTER TABLE unit_results ADD CONSTRAINT unit_results_source_check CHECK ((source = ANY (ARRAY['staff'::text, 'lab_event'::text, 'import'::text])));

ALTER TABLE unit_search ADD CONSTRAINT unit_search_din_fkey FOREIGN KEY (din) REFERENCES cord_blood_units(din);

ALTER TABLE unit_search ADD CONSTRAINT unit_search_pkey PRIMARY KEY (din);

ALTER TABLE unit_status_transitions ADD CONSTRAINT unit_status_transitions_pkey PRIMARY KEY (from_status, to_status);

ALTER TABLE unit_storage_history ADD CONSTRAINT unit_storage_history_din_fkey FOREIGN KEY (din) REFERENCES cord_blood_units(din);

ALTER TABLE unit_storage_history ADD CONSTRAINT unit_storage_history_freezer_id_fkey FOREIGN KEY (freezer_id) REFERENCES freezers(id);

ALTER TABLE unit_storage_history ADD CONSTRAINT unit_storage_history_interval CHECK (((stored_until IS NULL) OR (stored_until >= stored_from)));

ALTER TABLE unit_storage_history ADD CONSTRAINT unit_storage_history_pkey PRIMARY KEY (id);

ALTER TABLE unit_storage_history ADD CONSTRAINT unit_storage_history_position_id_fkey FOREIGN KEY (position_id) REFERENCES storage_positions(id);

ALTER TABLE unit_supply_lots ADD CONSTRAINT unit_supply_lots_din_fkey FOREIGN KEY (din) REFERENCES cord_blood_units(din);

ALTER TABLE unit_supply_lots ADD CONSTRAINT unit_supply_lots_exception_id_fkey FOREIGN KEY (exception_id) REFERENCES supply_exceptions(id);

ALTER TABLE unit_supply_lots ADD CONSTRAINT unit_supply_lots_pkey PRIMARY KEY (din, supply_lot_id, stage);

ALTER TABLE unit_supply_lots ADD CONSTRAINT unit_supply_lots_stage_check CHECK ((stage = ANY (ARRAY['collection'::text, 'processing'::text])));

ALTER TABLE unit_supply_lots ADD CONSTRAINT unit_supply_lots_supply_lot_id_fkey FOREIGN KEY (supply_lot_id) REFERENCES supply_lots(id);

ALTER TABLE users ADD CONSTRAINT users_email_format CHECK ((email ~ '^[^@\s]+@[^@\s]+$'::text));

ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY (id);

ALTER TABLE users ADD CONSTRAINT users_roles_valid CHECK (((cardinality(roles) > 0) AND (roles <@ ARRAY['admin'::text, 'coordinator'::text, 'lab_technician'::text, 'quality_assurance'::text, 'medical_director'::text, 'auditor'::text])));

ALTER TABLE webhooks ADD CONSTRAINT webhooks_created_by_fkey FOREIGN KEY (created_by) REFERENCES users(id);

ALTER TABLE webhooks ADD CONSTRAINT webhooks_events_check CHECK (((cardinality(events) > 0) AND (events <@ ARRAY['alarm.raised'::text, 'alarm.escalated'::text, 'alarm.acknowledged'::text, 'alarm.cleared'::text])));

ALTER TABLE webhooks ADD CONSTRAINT webhooks_pkey PRIMARY KEY (id);

ALTER TABLE webhooks ADD CONSTRAINT webhooks_secret_check CHECK ((length(secret) >= 32));

ALTER TABLE webhooks ADD CONSTRAINT webhooks_url_check CHECK (((url ~ '^https?://[^\s]+$'::text) AND (length(url) <= 2000)));

-- ---- indexes -----------------------------------------------------------------------------------

CREATE INDEX adverse_reactions_din_idx ON public.adverse_reactions USING btree (din);

CREATE INDEX adverse_reactions_received_idx ON public.adverse_reactions USING btree (received_at DESC, id);

CREATE INDEX alarm_notifications_pending_idx ON public.alarm_notifications USING btree (enqueued_at) WHERE (fanned_out_at IS NULL);

CREATE UNIQUE INDEX alarms_one_active_key ON public.alarms USING btree (kind, subject_id) WHERE (state <> 'cleared'::text);

CREATE UNIQUE INDEX alarms_quality_once_key ON public.alarms USING btree (kind, subject_id) WHERE (kind = ANY (ARRAY['capa_overdue'::text, 'deviation_report_due'::text, 'deviation_report_overdue'::text, 'adverse_reaction_report_due'::text, 'adverse_reaction_report_overdue'::text]));

CREATE INDEX alarms_raised_idx ON public.alarms USING btree (raised_at DESC, id DESC);

CREATE INDEX alarms_state_raised_idx ON public.alarms USING btree (state, raised_at DESC, id DESC);

CREATE INDEX audit_anchors_taken_idx ON public.audit_anchors USING btree (taken_at DESC);

CREATE INDEX audit_entries_action_at_idx ON public.audit_entries USING btree (action, at DESC, id DESC);

CREATE INDEX audit_entries_actor_at_idx ON public.audit_entries USING btree (actor_id, at DESC, id DESC);

CREATE INDEX audit_entries_at_idx ON public.audit_entries USING btree (at DESC, id DESC);

CREATE INDEX audit_entries_din_idx ON public.audit_entries USING btree (din, at DESC, id DESC) WHERE (din IS NOT NULL);

CREATE INDEX audit_entries_donor_idx ON public.audit_entries USING btree (donor_id) WHERE (donor_id IS NOT NULL);

CREATE INDEX auth_sessions_user_idx ON public.auth_sessions USING btree (user_id, created_at DESC);

CREATE INDEX clinical_administrations_filters_idx ON public.clinical_administrations USING btree (route, cell_type);

CREATE INDEX clinical_measurements_request_idx ON public.clinical_measurements USING btree (release_request_id, measure);

CREATE INDEX collections_donor_idx ON public.collections USING btree (donor_id);

CREATE INDEX consents_donor_idx ON public.consents USING btree (donor_id);

CREATE INDEX cord_blood_units_donor_idx ON public.cord_blood_units USING btree (donor_id);

CREATE INDEX cord_blood_units_status_idx ON public.cord_blood_units USING btree (status, banking_type);

CREATE INDEX deviation_capa_deviation_idx ON public.deviation_capa_actions USING btree (deviation_id, due_date);

CREATE INDEX deviation_capa_open_due_idx ON public.deviation_capa_actions USING btree (due_date) WHERE (effectiveness IS NULL);

CREATE INDEX deviation_units_din_idx ON public.deviation_units USING btree (din);

CREATE INDEX deviations_discovered_idx ON public.deviations USING btree (discovered_at DESC, id);

CREATE INDEX deviations_status_idx ON public.deviations USING btree (status, discovered_at DESC);

CREATE INDEX documents_deviation_idx ON public.documents USING btree (deviation_id, created_at) WHERE (deviation_id IS NOT NULL);

CREATE INDEX documents_din_idx ON public.documents USING btree (din, created_at) WHERE (din IS NOT NULL);

CREATE INDEX documents_donor_idx ON public.documents USING btree (donor_id, created_at) WHERE (donor_id IS NOT NULL);

CREATE INDEX documents_release_request_idx ON public.documents USING btree (release_request_id, created_at) WHERE (release_request_id IS NOT NULL);

CREATE INDEX donors_first_name_idx ON public.donors USING btree (lower(first_name) text_pattern_ops);

CREATE INDEX donors_last_name_idx ON public.donors USING btree (lower(last_name) text_pattern_ops);

CREATE INDEX eligibility_determinations_din_idx ON public.eligibility_determinations USING btree (din, determined_at);

CREATE UNIQUE INDEX eligibility_determinations_in_force_key ON public.eligibility_determinations USING btree (din) WHERE (voided_at IS NULL);

CREATE UNIQUE INDEX equipment_serial_key ON public.equipment USING btree (type, lower(serial_number));

CREATE INDEX equipment_services_equipment_idx ON public.equipment_services USING btree (equipment_id, performed_on DESC);

CREATE INDEX freezer_excursions_freezer_idx ON public.freezer_excursions USING btree (freezer_id, started_at DESC);

CREATE UNIQUE INDEX freezer_excursions_one_open_key ON public.freezer_excursions USING btree (freezer_id) WHERE (ended_at IS NULL);

CREATE INDEX freezer_excursions_started_idx ON public.freezer_excursions USING btree (started_at DESC, id DESC);

CREATE INDEX freezer_temperature_readings_freezer_idx ON public.freezer_temperature_readings USING btree (freezer_id, read_at DESC, id DESC);

CREATE INDEX freezer_temperature_reviews_freezer_idx ON public.freezer_temperature_reviews USING btree (freezer_id, period_to DESC);

CREATE UNIQUE INDEX freezers_name_key ON public.freezers USING btree (lower(name));

CREATE INDEX idm_tests_donor_idx ON public.idm_tests USING btree (donor_id, marker);

CREATE INDEX import_units_import_din_idx ON public.import_units USING btree (import_id, din);

CREATE INDEX import_units_import_idx ON public.import_units USING btree (import_id, target_status);

CREATE INDEX imports_created_idx ON public.imports USING btree (created_at DESC);

CREATE UNIQUE INDEX integrations_key_hash_key ON public.integrations USING btree (key_hash);

CREATE UNIQUE INDEX integrations_name_active_key ON public.integrations USING btree (lower(name)) WHERE (revoked_at IS NULL);

CREATE INDEX lab_events_din_idx ON public.lab_events USING btree (din) WHERE (din IS NOT NULL);

CREATE INDEX lab_events_parked_din_idx ON public.lab_events USING btree (din, occurred_at) WHERE (status = 'parked'::text);

CREATE INDEX lab_events_parked_donor_idx ON public.lab_events USING btree (donor_number, occurred_at) WHERE (status = 'parked'::text);

CREATE INDEX lab_events_received_idx ON public.lab_events USING btree (received_at DESC, id DESC);

CREATE INDEX lab_events_status_received_idx ON public.lab_events USING btree (status, received_at DESC, id DESC);

CREATE INDEX lookback_notifications_consignee_idx ON public.lookback_notifications USING btree (consignee_id);

CREATE INDEX lookback_units_din_idx ON public.lookback_units USING btree (din) WHERE (disposition IS NULL);

CREATE INDEX lookbacks_status_idx ON public.lookbacks USING btree (status, opened_at DESC);

CREATE INDEX notification_deliveries_alarm_idx ON public.notification_deliveries USING btree (alarm_id, created_at);

CREATE INDEX notification_deliveries_created_idx ON public.notification_deliveries USING btree (created_at DESC, id DESC);

CREATE INDEX notification_deliveries_unfinished_idx ON public.notification_deliveries USING btree (state, updated_at) WHERE (state = ANY (ARRAY['pending'::text, 'sending'::text]));

CREATE INDEX notification_deliveries_webhook_idx ON public.notification_deliveries USING btree (webhook_id, created_at DESC) WHERE (webhook_id IS NOT NULL);

CREATE INDEX release_requests_created_idx ON public.release_requests USING btree (created_at DESC);

CREATE INDEX release_requests_din_idx ON public.release_requests USING btree (din) WHERE (din IS NOT NULL);

CREATE INDEX release_requests_status_idx ON public.release_requests USING btree (status, created_at DESC);

CREATE INDEX screenings_donor_idx ON public.screenings USING btree (donor_id, completed_at DESC);

CREATE INDEX security_events_at_idx ON public.security_events USING btree (occurred_at DESC, id DESC);

CREATE INDEX storage_boxes_order_idx ON public.storage_boxes USING btree (freezer_seq, rack_no, box_no);

CREATE INDEX storage_boxes_rack_idx ON public.storage_boxes USING btree (rack_id);

CREATE INDEX storage_positions_freezer_idx ON public.storage_positions USING btree (freezer_id);

CREATE UNIQUE INDEX supply_lots_identity_key ON public.supply_lots USING btree (type, lower(manufacturer), lot_number);

CREATE INDEX supply_lots_lot_number_idx ON public.supply_lots USING btree (lot_number);

CREATE INDEX unit_equipment_equipment_id_idx ON public.unit_equipment USING btree (equipment_id, din);

CREATE INDEX unit_equipment_used_idx ON public.unit_equipment USING btree (equipment_id, used_at);

CREATE INDEX unit_excursions_excursion_idx ON public.unit_excursions USING btree (excursion_id, din);

CREATE INDEX unit_label_prints_din ON public.unit_label_prints USING btree (din);

CREATE INDEX unit_label_verifications_din ON public.unit_label_verifications USING btree (din);

CREATE INDEX unit_results_din_idx ON public.unit_results USING btree (din, kind, occurred_at);

CREATE INDEX unit_search_ab_idx ON public.unit_search USING btree (a_lo, a_hi, b_lo, b_hi) WHERE (NOT family);

CREATE INDEX unit_search_bd_idx ON public.unit_search USING btree (b_lo, b_hi, d_lo, d_hi) WHERE (NOT family);

CREATE INDEX unit_search_da_idx ON public.unit_search USING btree (d_lo, d_hi, a_lo, a_hi) WHERE (NOT family);

CREATE INDEX unit_search_family_donor_idx ON public.unit_search USING btree (donor_id) WHERE family;

CREATE INDEX unit_storage_history_din_idx ON public.unit_storage_history USING btree (din, stored_from);

CREATE INDEX unit_storage_history_freezer_idx ON public.unit_storage_history USING btree (freezer_id, stored_from);

CREATE UNIQUE INDEX unit_storage_history_open_key ON public.unit_storage_history USING btree (din) WHERE (stored_until IS NULL);

CREATE INDEX unit_supply_lots_supply_lot_id_idx ON public.unit_supply_lots USING btree (supply_lot_id, din);

CREATE UNIQUE INDEX users_email_key ON public.users USING btree (lower(email));

-- ---- views -------------------------------------------------------------------------------------

CREATE VIEW unit_search_source AS
 SELECT din,
    donor_id,
    banking_type = 'family'::text AS family,
    COALESCE(hla ? 'A'::text AND hla ? 'B'::text AND hla ? 'DRB1'::text, false) AS typed,
    LEAST(hla_key((hla -> 'A'::text) ->> 0, 'antigen'::text), hla_key((hla -> 'A'::text) ->> 1, 'antigen'::text))::smallint AS a_lo,
    GREATEST(hla_key((hla -> 'A'::text) ->> 0, 'antigen'::text), hla_key((hla -> 'A'::text) ->> 1, 'antigen'::text))::smallint AS a_hi,
    LEAST(hla_key((hla -> 'B'::text) ->> 0, 'antigen'::text), hla_key((hla -> 'B'::text) ->> 1, 'antigen'::text))::smallint AS b_lo,
    GREATEST(hla_key((hla -> 'B'::text) ->> 0, 'antigen'::text), hla_key((hla -> 'B'::text) ->> 1, 'antigen'::text))::smallint AS b_hi,
    LEAST(hla_key((hla -> 'DRB1'::text) ->> 0, 'allele'::text), hla_key((hla -> 'DRB1'::text) ->> 1, 'allele'::text)) AS d_lo,
    GREATEST(hla_key((hla -> 'DRB1'::text) ->> 0, 'allele'::text), hla_key((hla -> 'DRB1'::text) ->> 1, 'allele'::text)) AS d_hi,
    COALESCE(tnc_count, 0::numeric)::double precision AS tnc_count,
    cd34_count::double precision AS cd34_count
   FROM cord_blood_units u
  WHERE status = 'available'::text AND reserved_for IS NULL;

-- ---- functions ---------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION public.adverse_reaction_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF NEW.reaction_number IS DISTINCT FROM OLD.reaction_number OR NEW.release_request_id IS DISTINCT FROM OLD.release_request_id
           OR NEW.din IS DISTINCT FROM OLD.din OR NEW.received_at IS DISTINCT FROM OLD.received_at OR NEW.reported_by IS DISTINCT FROM OLD.reported_by THEN
          RAISE EXCEPTION 'the number, request, unit, receipt time and reporter of adverse reaction % can not be changed', OLD.reaction_number USING ERRCODE = 'CB409';
        END IF;
        IF OLD.fda_reported_at IS NOT NULL AND (NEW.fda_reported_at IS DISTINCT FROM OLD.fda_reported_at OR NEW.fda_report_reference IS DISTINCT FROM OLD.fda_report_reference) THEN
          RAISE EXCEPTION 'the FDA report of adverse reaction % is recorded: it can not be changed', OLD.reaction_number USING ERRCODE = 'CB409';
        END IF;
        IF OLD.deviation_id IS NOT NULL AND NEW.deviation_id IS DISTINCT FROM OLD.deviation_id THEN
          RAISE EXCEPTION 'adverse reaction % already links deviation; it can not link another', OLD.reaction_number USING ERRCODE = 'CB409';
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.alarms_enqueue_notification()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        v_event text;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          v_event := 'raised';
        ELSIF NEW.acknowledged_at IS NOT NULL AND OLD.acknowledged_at IS NULL THEN
          v_event := 'acknowledged';
        ELSIF NEW.state IS DISTINCT FROM OLD.state AND NEW.state IN ('escalated', 'cleared') THEN
          v_event := NEW.state;
        ELSE
          RETURN NULL;
        END IF;
        INSERT INTO alarm_notifications (alarm_id, event) VALUES (NEW.id, v_event) ON CONFLICT DO NOTHING;
        PERFORM graphile_worker.add_job('alarm.notify', json_build_object('alarmId', NEW.id, 'event', v_event),
                                        job_key := 'notify:' || NEW.id || ':' || v_event, max_attempts := 25);
        RETURN NULL;
      END $function$;

CREATE OR REPLACE FUNCTION public.alarms_excursion_changed()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        v_f record;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT code, name INTO v_f FROM freezers WHERE id = NEW.freezer_id;
          INSERT INTO alarms (kind, severity, state, subject_type, subject_id, freezer_id, title, details, cleared_at, cleared_reason)
          VALUES ('excursion', 'critical', CASE WHEN NEW.ended_at IS NULL THEN 'open' ELSE 'cleared' END,
                  'freezer_excursion', NEW.id::text, NEW.freezer_id,
                  format('Temperature excursion in freezer %s (%s) since %s', v_f.code, v_f.name,
                         to_char(NEW.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
                  jsonb_build_object('excursionId', NEW.id, 'freezerId', NEW.freezer_id, 'freezerCode', v_f.code, 'freezerName', v_f.name,
                                     'startedAt', NEW.started_at, 'endedAt', NEW.ended_at, 'limitC', NEW.limit_c, 'retrospective', NEW.retrospective),
                  CASE WHEN NEW.ended_at IS NULL THEN NULL ELSE now() END,
                  CASE WHEN NEW.ended_at IS NULL THEN NULL ELSE 'the excursion was already over when it was recorded (late reading)' END)
          ON CONFLICT (kind, subject_id) WHERE state <> 'cleared' DO NOTHING;
        ELSIF OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL THEN
          UPDATE alarms SET state = 'cleared', cleared_at = now(),
                 cleared_reason = format('excursion closed: back within the limit at %s', to_char(NEW.ended_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
                 details = details || jsonb_build_object('endedAt', NEW.ended_at)
           WHERE kind = 'excursion' AND subject_id = NEW.id::text AND state <> 'cleared';
        END IF;
        RETURN NULL;
      END $function$;

CREATE OR REPLACE FUNCTION public.alarms_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF NEW.kind IS DISTINCT FROM OLD.kind OR NEW.subject_id IS DISTINCT FROM OLD.subject_id OR NEW.subject_type IS DISTINCT FROM OLD.subject_type
           OR NEW.raised_at IS DISTINCT FROM OLD.raised_at OR NEW.severity IS DISTINCT FROM OLD.severity THEN
          RAISE EXCEPTION 'alarm %: its kind, subject, severity and time raised can not be changed', OLD.id USING ERRCODE = 'CB409';
        END IF;
        IF OLD.acknowledged_at IS NOT NULL AND (NEW.acknowledged_at, NEW.acknowledged_by, NEW.acknowledgement_note)
             IS DISTINCT FROM (OLD.acknowledged_at, OLD.acknowledged_by, OLD.acknowledgement_note) THEN
          RAISE EXCEPTION 'alarm % was already acknowledged', OLD.id USING ERRCODE = 'CB409';
        END IF;
        IF NEW.state IS DISTINCT FROM OLD.state AND NOT (
             (OLD.state = 'open' AND NEW.state IN ('acknowledged', 'escalated', 'cleared'))
          OR (OLD.state = 'escalated' AND NEW.state IN ('acknowledged', 'cleared'))
          OR (OLD.state = 'acknowledged' AND NEW.state = 'cleared')) THEN
          RAISE EXCEPTION 'alarm %: % → % is not allowed', OLD.id, OLD.state, NEW.state USING ERRCODE = 'CB409';
        END IF;
        NEW.updated_at := now();
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.alarms_quality_resolved()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        v_kinds text[];
        v_reason text;
      BEGIN
        IF TG_TABLE_NAME = 'deviation_capa_actions' THEN
          v_kinds := ARRAY['capa_overdue'];
          v_reason := 'the CAPA action was recorded done';
        ELSIF TG_TABLE_NAME = 'deviations' THEN
          v_kinds := ARRAY['deviation_report_due', 'deviation_report_overdue'];
          v_reason := CASE WHEN NEW.fda_reported_at IS NOT NULL THEN 'the FDA report was recorded (' || NEW.fda_report_reference || ')'
                           ELSE 'QA recorded why the deviation is not reportable' END;
        ELSE
          v_kinds := ARRAY['adverse_reaction_report_due', 'adverse_reaction_report_overdue'];
          v_reason := 'the FDA report was recorded (' || NEW.fda_report_reference || ')';
        END IF;
        UPDATE alarms SET state = 'cleared', cleared_at = now(), cleared_reason = v_reason
         WHERE kind = ANY(v_kinds) AND subject_id = NEW.id::text AND state <> 'cleared';
        RETURN NULL;
      END $function$;

CREATE OR REPLACE FUNCTION public.alarms_quality_sweep_now()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      BEGIN
        PERFORM alarms_sweep_soon();
        RETURN NULL;
      END $function$;

CREATE OR REPLACE FUNCTION public.alarms_reading_arrived()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      BEGIN
        INSERT INTO freezer_heartbeats (freezer_id, last_reading_at, last_reading_id) VALUES (NEW.freezer_id, now(), NEW.id)
          ON CONFLICT (freezer_id) DO UPDATE SET last_reading_at = greatest(freezer_heartbeats.last_reading_at, excluded.last_reading_at),
                                                 last_reading_id = excluded.last_reading_id;
        UPDATE alarms SET state = 'cleared', cleared_at = now(), cleared_reason = 'the freezer reported again'
         WHERE kind = 'freezer_silent' AND subject_id = NEW.freezer_id::text AND state <> 'cleared';
        RETURN NULL;
      END $function$;

CREATE OR REPLACE FUNCTION public.alarms_sweep_soon()
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      BEGIN
        PERFORM graphile_worker.add_job('alarms.sweep', '{}'::json, job_key := 'alarms:sweep-now', run_at := now(), max_attempts := 1);
      END $function$;

CREATE OR REPLACE FUNCTION public.audit_access_row()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
        
      DECLARE
        v_kind text := TG_ARGV[0];
        v_secret text := TG_ARGV[1];
        v_ignored text[] := ARRAY['updated_at', 'failed_login_count', 'token_version', v_secret];
        v_chain text := v_kind || ':' || NEW.id;
        v_action text := audit_action(v_kind || '.' || lower(TG_OP));
        v_new jsonb := to_jsonb(NEW);
        v_old jsonb := to_jsonb(OLD);
        v_before jsonb;
        v_after jsonb;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, v_old, v_new, v_ignored || 'created_at'::text, v_ignored) d;
        IF TG_OP = 'INSERT' THEN
          v_after := v_after || jsonb_build_object(v_secret, '[set]');
        ELSE
          IF (v_new -> v_secret) IS DISTINCT FROM (v_old -> v_secret) THEN
            v_before := coalesce(v_before, '{}'::jsonb) || jsonb_build_object(v_secret, '[set]');
            v_after := coalesce(v_after, '{}'::jsonb) || jsonb_build_object(v_secret, '[changed]');
          END IF;
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
        END IF;
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        RETURN NULL;
      END
        $function$;

CREATE OR REPLACE FUNCTION public.audit_action(p_default text)
 RETURNS text
 LANGUAGE sql
 STABLE
AS $function$
        SELECT coalesce(nullif(current_setting('app.action', true), ''), p_default)
      $function$;

CREATE OR REPLACE FUNCTION public.audit_alarm_row()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
        
      DECLARE
        v_before jsonb;
        v_after jsonb;
        v_action text;
        v_chain text := 'alarm:' || NEW.id;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, to_jsonb(OLD), to_jsonb(NEW), '{updated_at}', '{updated_at}') d;
        IF TG_OP = 'INSERT' THEN
          v_action := 'alarm.raised';
        ELSE
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          v_action := CASE
            WHEN NEW.acknowledged_at IS NOT NULL AND OLD.acknowledged_at IS NULL THEN 'alarm.acknowledged'
            WHEN NEW.state IS DISTINCT FROM OLD.state THEN 'alarm.' || NEW.state
            ELSE 'alarm.updated' END;
        END IF;
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        RETURN NULL;
      END
        $function$;

CREATE OR REPLACE FUNCTION public.audit_append(p_chain text, p_din text, p_donor_id uuid, p_action text, p_before jsonb, p_after jsonb)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        v_actor_type text := nullif(current_setting('app.actor_type', true), '');
        v_actor_id text := nullif(current_setting('app.actor_id', true), '');
        v_actor_name text := nullif(current_setting('app.actor_name', true), '');
        v_reason text := nullif(current_setting('app.reason', true), '');
        v_request_id text := nullif(current_setting('app.request_id', true), '');
        v_signature jsonb := nullif(current_setting('app.signature', true), '')::jsonb;
        v_at timestamptz := clock_timestamp();
        v_seq integer;
        v_prev text;
        v_hash text;
      BEGIN
        IF v_actor_type IS NULL OR v_actor_id IS NULL THEN
          RAISE EXCEPTION 'refused: a change to % carries no actor (app.actor_type/app.actor_id unset)', p_chain
            USING ERRCODE = 'CB401';
        END IF;
        -- lock the head; a chain's first append creates it (a concurrent creator waits on the key, then locks it)
        SELECT last_seq, last_hash INTO v_seq, v_prev FROM audit_chain_heads WHERE chain = p_chain FOR UPDATE;
        IF NOT FOUND THEN
          INSERT INTO audit_chain_heads (chain, last_seq, last_hash) VALUES (p_chain, 0, repeat('0', 64))
            ON CONFLICT (chain) DO NOTHING;
          SELECT last_seq, last_hash INTO v_seq, v_prev FROM audit_chain_heads WHERE chain = p_chain FOR UPDATE;
        END IF;
        v_seq := v_seq + 1;
        v_hash := audit_entry_hash(p_chain, p_din, p_donor_id, v_seq, v_at, v_actor_type, v_actor_id, v_actor_name, p_action,
                                   v_reason, p_before, p_after, v_request_id, v_signature, v_prev);
        INSERT INTO audit_entries (chain, din, donor_id, seq, at, actor_type, actor_id, actor_name, action, reason, before, after,
                                   request_id, signature, prev_hash, hash)
        VALUES (p_chain, p_din, p_donor_id, v_seq, v_at, v_actor_type, v_actor_id, v_actor_name, p_action, v_reason, p_before, p_after,
                v_request_id, v_signature, v_prev, v_hash);
        UPDATE audit_chain_heads SET last_seq = v_seq, last_hash = v_hash WHERE chain = p_chain;
      END $function$;

CREATE OR REPLACE FUNCTION public.audit_append_set(p_chains text[], p_dins text[], p_donors uuid[], p_action text, p_before jsonb[], p_after jsonb[])
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        v_chains text[];
        v_chain_of integer[];
        v_head_seq integer[];
        v_head_hash text[];
        v_seq integer[] := '{}';
        v_prev text[] := '{}';
        v_hash text[] := '{}';
        v_c integer;
        v_actor_type text := nullif(current_setting('app.actor_type', true), '');
        v_actor_id text := nullif(current_setting('app.actor_id', true), '');
        v_actor_name text := nullif(current_setting('app.actor_name', true), '');
        v_reason text := nullif(current_setting('app.reason', true), '');
        v_request_id text := nullif(current_setting('app.request_id', true), '');
        v_signature jsonb := nullif(current_setting('app.signature', true), '')::jsonb;
        v_at timestamptz;
      BEGIN
        IF coalesce(cardinality(p_chains), 0) = 0 THEN
          RETURN;
        END IF;
        IF v_actor_type IS NULL OR v_actor_id IS NULL THEN
          RAISE EXCEPTION 'refused: a change to % carries no actor (app.actor_type/app.actor_id unset)', p_chains[1]
            USING ERRCODE = 'CB401';
        END IF;
        SELECT array_agg(DISTINCT c ORDER BY c) INTO v_chains FROM unnest(p_chains) c;
        SELECT array_agg(x.r ORDER BY x.k) INTO v_chain_of
          FROM (SELECT k, dense_rank() OVER (ORDER BY chain)::integer AS r FROM unnest(p_chains) WITH ORDINALITY AS u(chain, k)) x;
        INSERT INTO audit_chain_heads (chain, last_seq, last_hash)
          SELECT c, 0, repeat('0', 64) FROM unnest(v_chains) c
           WHERE NOT EXISTS (SELECT 1 FROM audit_chain_heads h WHERE h.chain = c) ORDER BY c
          ON CONFLICT (chain) DO NOTHING;
        SELECT array_agg(h.last_seq ORDER BY h.chain), array_agg(h.last_hash ORDER BY h.chain)
          INTO v_head_seq, v_head_hash
          FROM (SELECT chain, last_seq, last_hash FROM audit_chain_heads WHERE chain = ANY (v_chains) ORDER BY chain FOR UPDATE) h;
        v_at := clock_timestamp();
        FOR i IN 1 .. cardinality(p_chains) LOOP
          v_c := v_chain_of[i];
          v_head_seq[v_c] := v_head_seq[v_c] + 1;
          v_seq[i] := v_head_seq[v_c];
          v_prev[i] := v_head_hash[v_c];
          v_head_hash[v_c] := audit_entry_hash(p_chains[i], p_dins[i], p_donors[i], v_seq[i], v_at, v_actor_type, v_actor_id, v_actor_name, p_action,
                                               v_reason, p_before[i], p_after[i], v_request_id, v_signature, v_prev[i]);
          v_hash[i] := v_head_hash[v_c];
        END LOOP;
        INSERT INTO audit_entries (chain, din, donor_id, seq, at, actor_type, actor_id, actor_name, action, reason, before, after,
                                   request_id, signature, prev_hash, hash)
        SELECT e.chain, e.din, e.donor, e.seq, v_at, v_actor_type, v_actor_id, v_actor_name, p_action, v_reason, e.b, e.a,
               v_request_id, v_signature, e.prev, e.hash
          FROM unnest(p_chains, p_dins, p_donors, v_seq, p_before, p_after, v_prev, v_hash) WITH ORDINALITY AS e(chain, din, donor, seq, b, a, prev, hash, k)
         ORDER BY e.k;
        UPDATE audit_chain_heads h SET last_seq = x.seq, last_hash = x.hash
          FROM unnest(v_chains, v_head_seq, v_head_hash) AS x(chain, seq, hash)
         WHERE h.chain = x.chain;
      END $function$;

CREATE OR REPLACE FUNCTION public.audit_clinical_reference_row()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
        
      DECLARE
        v_chain text := 'clinical_reference:' || TG_TABLE_NAME || ':' || (to_jsonb(NEW) ->> TG_ARGV[0]);
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        v_before jsonb;
        v_after jsonb;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, to_jsonb(OLD), to_jsonb(NEW), '{created_at,updated_at}', '{updated_at}') d;
        IF TG_OP = 'UPDATE' AND v_after IS NULL THEN
          RETURN NULL;
        END IF;
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        RETURN NULL;
      END
        $function$;

CREATE OR REPLACE FUNCTION public.audit_clinical_row()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
        
      DECLARE
        v_chain text := 'release_request:' || NEW.release_request_id;
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        v_before jsonb;
        v_after jsonb;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, to_jsonb(OLD), to_jsonb(NEW), '{created_at,updated_at}', '{updated_at}') d;
        IF TG_OP = 'UPDATE' THEN
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          v_after := v_after || jsonb_build_object('id', NEW.id);
        END IF;
        v_after := v_after || jsonb_build_object('record', TG_TABLE_NAME);
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        RETURN NULL;
      END
        $function$;

CREATE OR REPLACE FUNCTION public.audit_donor_row()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
        
      DECLARE
        v_donor uuid := (CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END ->> TG_ARGV[0])::uuid;
        v_before jsonb;
        v_after jsonb;
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        v_chain text := 'donor:' || v_donor;
        v_din text;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, to_jsonb(OLD), to_jsonb(NEW), '{created_at,updated_at}', '{updated_at}') d;
        IF TG_OP = 'UPDATE' THEN
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          v_after := v_after || jsonb_build_object('id', NEW.id);
        END IF;
        PERFORM audit_append(v_chain, NULL, v_donor, v_action, v_before, v_after);
        FOR v_din IN SELECT din FROM cord_blood_units WHERE donor_id = v_donor ORDER BY din LOOP
          PERFORM audit_append(v_din, v_din, v_donor, v_action, v_before, v_after);
        END LOOP;
        RETURN NULL;
      END
        $function$;

CREATE OR REPLACE FUNCTION public.audit_donor_statement()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        v_col text := TG_ARGV[0];
        v_donors uuid[];
        v_before jsonb[];
        v_after jsonb[];
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        e_chains text[];
        e_dins text[];
        e_donors uuid[];
        e_before jsonb[];
        e_after jsonb[];
      BEGIN
        -- 1. every row's diff in the statement's row order (old and new rows pair up by position)
        IF TG_OP = 'INSERT' THEN
          WITH nr AS (SELECT array_agg(to_jsonb(t)) AS a FROM audit_new t)
          SELECT array_agg((r.n ->> v_col)::uuid ORDER BY r.k), array_agg(NULL::jsonb ORDER BY r.k), array_agg(d.after ORDER BY r.k)
            INTO v_donors, v_before, v_after
            FROM nr, unnest(nr.a) WITH ORDINALITY AS r(n, k)
            CROSS JOIN LATERAL audit_row_diff('INSERT', NULL, r.n, '{created_at,updated_at}', NULL) d;
        ELSE
          WITH o AS (SELECT array_agg(to_jsonb(t)) AS a FROM audit_old t), nr AS (SELECT array_agg(to_jsonb(t)) AS a FROM audit_new t)
          SELECT array_agg((r.n ->> v_col)::uuid ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.before ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.after || jsonb_build_object('id', r.n -> 'id') ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL)
            INTO v_donors, v_before, v_after
            FROM o, nr, unnest(o.a, nr.a) WITH ORDINALITY AS r(o, n, k)
            CROSS JOIN LATERAL audit_row_diff('UPDATE', r.o, r.n, NULL, '{updated_at}') d;
        END IF;
        IF v_donors IS NULL THEN
          RETURN NULL;
        END IF;
        -- 2. per row: its donor's chain, then each of the donor's units in DIN order
        SELECT array_agg(x.chain ORDER BY x.k, x.j), array_agg(x.din ORDER BY x.k, x.j), array_agg(x.donor ORDER BY x.k, x.j),
               array_agg(x.b ORDER BY x.k, x.j), array_agg(x.a ORDER BY x.k, x.j)
          INTO e_chains, e_dins, e_donors, e_before, e_after
          FROM (SELECT r.k, 0::bigint AS j, 'donor:' || r.d AS chain, NULL::text AS din, r.d AS donor, r.b, r.a
                  FROM unnest(v_donors, v_before, v_after) WITH ORDINALITY AS r(d, b, a, k)
                UNION ALL
                SELECT r.k, u.j, u.din, u.din, r.d, r.b, r.a
                  FROM unnest(v_donors, v_before, v_after) WITH ORDINALITY AS r(d, b, a, k)
                  CROSS JOIN LATERAL (SELECT c.din, row_number() OVER (ORDER BY c.din) AS j FROM cord_blood_units c WHERE c.donor_id = r.d) u) x;
        -- one row (the service's statements): the row trigger's appends, one by one
        IF cardinality(v_donors) = 1 THEN
          FOR i IN 1 .. cardinality(e_chains) LOOP
            PERFORM audit_append(e_chains[i], e_dins[i], e_donors[i], v_action, e_before[i], e_after[i]);
          END LOOP;
          RETURN NULL;
        END IF;
        PERFORM audit_append_set(e_chains, e_dins, e_donors, v_action, e_before, e_after);
        RETURN NULL;
      END $function$;

CREATE OR REPLACE FUNCTION public.audit_entry_hash(p_chain text, p_din text, p_donor_id uuid, p_seq integer, p_at timestamp with time zone, p_actor_type text, p_actor_id text, p_actor_name text, p_action text, p_reason text, p_before jsonb, p_after jsonb, p_request_id text, p_signature jsonb, p_prev_hash text)
 RETURNS text
 LANGUAGE sql
 STABLE PARALLEL SAFE
AS $function$
        SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
          p_chain, coalesce(p_din, ''), coalesce(p_donor_id::text, ''), p_seq::text,
          to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          p_actor_type, p_actor_id, coalesce(p_actor_name, ''),
          p_action, coalesce(p_reason, ''),
          coalesce(p_before::text, 'null'), coalesce(p_after::text, 'null'),
          coalesce(p_request_id, ''), coalesce(p_signature::text, 'null'),
          p_prev_hash), 'UTF8')), 'hex')
      $function$;

CREATE OR REPLACE FUNCTION public.audit_freezer_row()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
        
      DECLARE
        v_chain text := 'freezer:' || (CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END ->> TG_ARGV[0]);
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        v_before jsonb;
        v_after jsonb;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, to_jsonb(OLD), to_jsonb(NEW), '{created_at,updated_at}', '{updated_at}') d;
        IF TG_OP = 'UPDATE' THEN
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          v_after := v_after || jsonb_build_object('id', NEW.id);
        END IF;
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        RETURN NULL;
      END
        $function$;

CREATE OR REPLACE FUNCTION public.audit_import_row()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM audit_append('import:' || NEW.id, NULL, NULL, 'import.created', NULL,
            jsonb_build_object('id', NEW.id, 'directory', NEW.directory, 'operatorId', NEW.operator_id, 'operatorName', NEW.operator_name,
                               'files', (SELECT jsonb_agg(jsonb_build_object('name', f ->> 'name', 'sha256', f ->> 'sha256', 'rows', f -> 'rows')) FROM jsonb_array_elements(NEW.files) f)));
        ELSIF NEW.status IS DISTINCT FROM OLD.status OR NEW.phase IS DISTINCT FROM OLD.phase THEN
          PERFORM audit_append('import:' || NEW.id, NULL, NULL, 'import.' || NEW.status,
            jsonb_build_object('status', OLD.status, 'phase', OLD.phase),
            jsonb_build_object('id', NEW.id, 'status', NEW.status, 'phase', NEW.phase, 'error', NEW.error,
                               'done', (SELECT jsonb_object_agg(f ->> 'name', f -> 'done') FROM jsonb_array_elements(NEW.files) f)));
        END IF;
        RETURN NULL;
      END $function$;

CREATE OR REPLACE FUNCTION public.audit_lab_event_row()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
        
      DECLARE
        v_chain text := 'lab_event:' || NEW.id;
        v_action text := audit_action('lab_event.' || NEW.status);
        v_before jsonb;
        v_after jsonb;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff('UPDATE', to_jsonb(OLD), to_jsonb(NEW), NULL, '{attempts,last_attempt_at}') d;
        IF v_after IS NULL THEN
          RETURN NULL;
        END IF;
        v_after := v_after || jsonb_build_object('id', NEW.id, 'event_id', NEW.event_id, 'type', NEW.type, 'din', NEW.din, 'donor_number', NEW.donor_number);
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        RETURN NULL;
      END
        $function$;

CREATE OR REPLACE FUNCTION public.audit_lookback_units_found()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        r record;
      BEGIN
        FOR r IN SELECT lookback_id, jsonb_agg(jsonb_build_object('din', din, 'found_status', found_status, 'action', action, 'release_request_id', release_request_id) ORDER BY din) AS units
                   FROM found GROUP BY lookback_id LOOP
          PERFORM audit_append('lookback:' || r.lookback_id, NULL, NULL, audit_action('lookback.units_found'), NULL, jsonb_build_object('units', r.units));
        END LOOP;
        RETURN NULL;
      END $function$;

CREATE OR REPLACE FUNCTION public.audit_notification_settings_row()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
        
      DECLARE
        v_before jsonb;
        v_after jsonb;
        v_chain text;
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
      BEGIN
        IF TG_TABLE_NAME = 'webhooks' THEN
          v_chain := 'webhook:' || NEW.id;
          SELECT d.before, d.after INTO v_before, v_after
            FROM audit_row_diff(TG_OP, to_jsonb(OLD) - 'secret', to_jsonb(NEW) - 'secret', '{created_at,updated_at}', '{updated_at}') d;
          IF TG_OP = 'INSERT' THEN
            v_after := v_after || jsonb_build_object('secret', '[set]');
          ELSE
            IF NEW.secret IS DISTINCT FROM OLD.secret THEN
              v_after := coalesce(v_after, '{}'::jsonb) || jsonb_build_object('secret', '[changed]');
            END IF;
            IF v_after IS NULL THEN
              RETURN NULL;
            END IF;
          END IF;
        ELSE
          v_chain := 'notification_subscriptions';
          SELECT d.before, d.after INTO v_before, v_after
            FROM audit_row_diff(TG_OP, to_jsonb(OLD) - 'created_at', to_jsonb(NEW), '{created_at}', NULL) d;
        END IF;
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        RETURN NULL;
      END
        $function$;

CREATE OR REPLACE FUNCTION public.audit_outcome_export_row()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
        
      DECLARE
        v_after jsonb;
      BEGIN
        SELECT d.after INTO v_after FROM audit_row_diff('INSERT', NULL, to_jsonb(NEW), NULL, NULL) d;
        PERFORM audit_append('outcomes_export', NULL, NULL, 'outcomes.exported', NULL, v_after);
        RETURN NULL;
      END
        $function$;

CREATE OR REPLACE FUNCTION public.audit_product_code_table()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
        
      DECLARE
        v_codes jsonb;
        v_after jsonb;
        v_action text := audit_action('product_codes.loaded');
      BEGIN
        SELECT coalesce(jsonb_agg(jsonb_build_object('code', c.code, 'description', c.description, 'class', c.class,
                                                     'modifiers', c.modifiers, 'attributes', c.attributes) ORDER BY c.code), '[]'::jsonb)
          INTO v_codes
          FROM product_codes c WHERE c.version = NEW.version;
        IF jsonb_array_length(v_codes) <> NEW.code_count THEN
          RAISE EXCEPTION 'product code table version % says % codes, holds %', NEW.version, NEW.code_count, jsonb_array_length(v_codes)
            USING ERRCODE = 'CB422';
        END IF;
        SELECT d.after || jsonb_build_object('codes', v_codes) INTO v_after
          FROM audit_row_diff('INSERT', NULL, to_jsonb(NEW), '{loaded_at}', NULL) d;
        PERFORM audit_append('reference:product-codes', NULL, NULL, v_action, NULL, v_after);
        RETURN NULL;
      END
        $function$;

CREATE OR REPLACE FUNCTION public.audit_quality_row()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
        
      DECLARE
        v_kind text := TG_ARGV[0];
        v_new jsonb := to_jsonb(NEW) - 'content';
        v_before jsonb;
        v_after jsonb;
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        v_chain text;
        v_donor uuid;
        v_din text := v_new ->> 'din';
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, to_jsonb(OLD) - 'content', v_new, '{created_at,updated_at}', '{updated_at}') d;
        IF TG_OP = 'UPDATE' THEN
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          v_after := v_after || jsonb_strip_nulls(jsonb_build_object('id', v_new -> 'id', 'din', v_new -> 'din', 'deviation_id', v_new -> 'deviation_id'));
        END IF;
        IF v_kind = 'document' THEN
          CASE v_new ->> 'owner_type'
            WHEN 'donor' THEN v_donor := (v_new ->> 'donor_id')::uuid; v_chain := 'donor:' || v_donor;
            WHEN 'unit' THEN v_chain := v_din;
            WHEN 'deviation' THEN v_chain := 'deviation:' || (v_new ->> 'deviation_id');
            ELSE v_chain := 'release_request:' || (v_new ->> 'release_request_id');
          END CASE;
            IF v_chain = v_din THEN
            PERFORM audit_append(v_chain, v_din, v_donor, v_action, v_before, v_after);
          ELSE
            PERFORM audit_append(v_chain, NULL, v_donor, v_action, v_before, v_after);
          END IF;
          RETURN NULL;
        END IF;
        v_chain := v_kind || ':' || (v_new ->> TG_ARGV[1]);
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        IF v_din IS NOT NULL THEN
          PERFORM audit_append(v_din, v_din, NULL, v_action, v_before, v_after);
        END IF;
        RETURN NULL;
      END
        $function$;

CREATE OR REPLACE FUNCTION public.audit_record_row()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
        
      DECLARE
        v_key text := coalesce(TG_ARGV[1], 'id');
        v_new jsonb := to_jsonb(NEW);
        v_chain text := TG_ARGV[0] || ':' || (v_new ->> v_key);
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        v_before jsonb;
        v_after jsonb;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, to_jsonb(OLD), v_new, '{created_at,updated_at}', '{updated_at}') d;
        IF TG_OP = 'UPDATE' THEN
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          IF v_key <> 'id' THEN
            v_after := v_after || jsonb_build_object('id', v_new -> 'id');
          END IF;
        END IF;
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        RETURN NULL;
      END
        $function$;

CREATE OR REPLACE FUNCTION public.audit_refuse_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP USING ERRCODE = 'CB403';
      END $function$;

CREATE OR REPLACE FUNCTION public.audit_release_request_row()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
        
      DECLARE
        v_row release_requests := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        v_before jsonb;
        v_after jsonb;
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        v_chain text := 'release_request:' || v_row.id;
        v_din text := v_row.din;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, to_jsonb(OLD), to_jsonb(NEW), '{created_at,updated_at}', '{updated_at}') d;
        IF TG_OP = 'UPDATE' THEN
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          v_after := v_after || jsonb_build_object('id', NEW.id, 'request_number', NEW.request_number);
        END IF;
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        IF v_din IS NOT NULL THEN
          PERFORM audit_append(v_din, v_din, NULL, v_action, v_before, v_after);
        END IF;
        RETURN NULL;
      END
        $function$;

CREATE OR REPLACE FUNCTION public.audit_row_diff(p_op text, p_old jsonb, p_new jsonb, p_skip_insert text[], p_skip_update text[], OUT before jsonb, OUT after jsonb)
 RETURNS record
 LANGUAGE plpgsql
 IMMUTABLE
AS $function$
      BEGIN
        IF p_op = 'INSERT' THEN
          after := p_new - coalesce(p_skip_insert, '{}');
        ELSIF p_op = 'DELETE' THEN
          before := p_old;
        ELSE
          -- old and new have the same columns: one pass over new, each value compared with old's by key
          SELECT jsonb_object_agg(n.key, p_old -> n.key), jsonb_object_agg(n.key, n.value) INTO before, after
            FROM jsonb_each(p_new) n
           WHERE n.value IS DISTINCT FROM p_old -> n.key AND NOT n.key = ANY (coalesce(p_skip_update, '{}'));
        END IF;
      END $function$;

CREATE OR REPLACE FUNCTION public.audit_security_event()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
        
      DECLARE
        v_after jsonb;
        v_action text := 'security_event.' || NEW.kind;
      BEGIN
        SELECT d.after INTO v_after FROM audit_row_diff('INSERT', NULL, to_jsonb(NEW), NULL, NULL) d;
        PERFORM audit_append('security', NULL, NULL, v_action, NULL, v_after);
        RETURN NULL;
      END
        $function$;

CREATE OR REPLACE FUNCTION public.audit_unit_donor_records_statement()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        v_dins text[];
        v_donors uuid[];
        v_records jsonb[];
      BEGIN
        WITH nr AS (SELECT array_agg(t.din) AS dins, array_agg(t.donor_id) AS donors, array_agg(t.collected_at) AS ats FROM audit_new t),
        rows AS (SELECT u.din, u.donor, u.at, u.k FROM nr, unnest(nr.dins, nr.donors, nr.ats) WITH ORDINALITY AS u(din, donor, at, k)),
        dn AS (SELECT DISTINCT donor FROM rows),
        -- the latest donor-chain entry of each record (consent, screening, IDM test) of each donor
        src AS (
          SELECT x.donor_id, jsonb_object_agg(x.record_id, x.source) AS m
            FROM (SELECT DISTINCT ON (e.donor_id, e.after ->> 'id') e.donor_id, e.after ->> 'id' AS record_id,
                         jsonb_build_object('chain', e.chain, 'seq', e.seq, 'hash', e.hash) AS source
                    FROM audit_entries e JOIN dn ON e.donor_id = dn.donor AND e.chain = 'donor:' || dn.donor
                   WHERE e.after ? 'id'
                   ORDER BY e.donor_id, e.after ->> 'id', e.seq DESC) x
           GROUP BY x.donor_id),
        per AS (
          SELECT dn.donor,
                 coalesce((SELECT jsonb_agg(jsonb_build_object('id', c.id, 'type', c.type, 'formVersion', c.form_version, 'signedAt', c.signed_at,
                                                               'source', s.m -> c.id::text) ORDER BY c.signed_at, c.id)
                             FROM consents c WHERE c.donor_id = dn.donor AND c.withdrawn_at IS NULL), '[]'::jsonb) AS consents,
                 (SELECT jsonb_build_object('id', sc.id, 'version', sc.version, 'completedAt', sc.completed_at, 'deferralReasons', to_jsonb(sc.deferral_reasons),
                                            'source', s.m -> sc.id::text)
                    FROM screenings sc WHERE sc.donor_id = dn.donor ORDER BY sc.completed_at DESC, sc.created_at DESC LIMIT 1) AS screening,
                 coalesce((SELECT jsonb_agg(jsonb_build_object('id', t.id, 'marker', t.marker, 'result', t.result, 'sampleDrawnAt', t.sample_drawn_at,
                                                               'testedAt', t.tested_at, 'method', t.method, 'lab', t.lab,
                                                               'source', s.m -> t.id::text) ORDER BY t.marker, t.sample_drawn_at, t.id)
                             FROM idm_tests t WHERE t.donor_id = dn.donor), '[]'::jsonb) AS idm
            FROM dn LEFT JOIN src s ON s.donor_id = dn.donor)
        SELECT array_agg(rows.din ORDER BY rows.k), array_agg(rows.donor ORDER BY rows.k),
               array_agg(jsonb_build_object('donorId', rows.donor, 'collectedAt', rows.at, 'consents', per.consents,
                                            'screening', per.screening, 'idmTests', per.idm) ORDER BY rows.k)
          INTO v_dins, v_donors, v_records
          FROM rows JOIN per ON per.donor = rows.donor;
        PERFORM audit_append_set(v_dins, v_dins, v_donors, 'unit.donor_records', array_fill(NULL::jsonb, ARRAY[cardinality(v_dins)]), v_records);
        RETURN NULL;
      END $function$;

CREATE OR REPLACE FUNCTION public.audit_unit_row()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
        
      DECLARE
        v_din text := CASE WHEN TG_OP = 'DELETE' THEN OLD.din ELSE NEW.din END;
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        v_before jsonb;
        v_after jsonb;
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.din IS DISTINCT FROM OLD.din THEN
          RAISE EXCEPTION 'the DIN of a unit record can not be changed' USING ERRCODE = 'CB409';
        END IF;
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, to_jsonb(OLD), to_jsonb(NEW), '{created_at,updated_at}', '{updated_at,version}') d;
        IF TG_OP = 'UPDATE' AND v_after IS NULL THEN
          RETURN NULL;
        END IF;
        PERFORM audit_append(v_din, v_din, NULL, v_action, v_before, v_after);
        RETURN NULL;
      END
        $function$;

CREATE OR REPLACE FUNCTION public.audit_unit_statement()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        v_dins text[];
        v_before jsonb[];
        v_after jsonb[];
        v_din_changed boolean;
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
      BEGIN
        -- every row's diff, in the statement's row order; old and new rows pair up by position
        IF TG_OP = 'INSERT' THEN
          WITH nr AS (SELECT array_agg(to_jsonb(t)) AS a FROM audit_new t)
          SELECT array_agg(r.n ->> 'din' ORDER BY r.k), array_agg(NULL::jsonb ORDER BY r.k), array_agg(d.after ORDER BY r.k)
            INTO v_dins, v_before, v_after
            FROM nr, unnest(nr.a) WITH ORDINALITY AS r(n, k)
            CROSS JOIN LATERAL audit_row_diff('INSERT', NULL, r.n, '{created_at,updated_at}', NULL) d;
        ELSE
          WITH o AS (SELECT array_agg(to_jsonb(t)) AS a FROM audit_old t), nr AS (SELECT array_agg(to_jsonb(t)) AS a FROM audit_new t)
          SELECT array_agg(r.n ->> 'din' ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.before ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.after ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 bool_or((r.o -> 'din') IS DISTINCT FROM (r.n -> 'din'))
            INTO v_dins, v_before, v_after, v_din_changed
            FROM o, nr, unnest(o.a, nr.a) WITH ORDINALITY AS r(o, n, k)
            CROSS JOIN LATERAL audit_row_diff('UPDATE', r.o, r.n, NULL, '{updated_at,version}') d;
          IF v_din_changed THEN
            RAISE EXCEPTION 'the DIN of a unit record can not be changed' USING ERRCODE = 'CB409';
          END IF;
        END IF;
        IF v_dins IS NULL THEN
          RETURN NULL;
        END IF;
        -- one row (most statements of the service): the row trigger's append, which is cheaper for one
        IF cardinality(v_dins) = 1 THEN
          PERFORM audit_append(v_dins[1], v_dins[1], NULL, v_action, v_before[1], v_after[1]);
          RETURN NULL;
        END IF;
        PERFORM audit_append_set(v_dins, v_dins, array_fill(NULL::uuid, ARRAY[cardinality(v_dins)]), v_action, v_before, v_after);
        RETURN NULL;
      END $function$;

CREATE OR REPLACE FUNCTION public.audit_unit_update_statement()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
 SET jit TO 'off'
AS $function$
      DECLARE
        v_dins text[];
        v_before jsonb[];
        v_after jsonb[];
        v_din_changed boolean;
        v_by_column boolean;
        v_action text := audit_action('cord_blood_units.update');
      BEGIN
        -- old and new rows pair up by position, as in audit_unit_statement. A statement of a few rows
        -- (the service's, one unit) takes the JSON images: the column-wise statement costs about
        -- 70 µs more for one row and saves about 45 µs a row (measured in psql)
        SELECT count(*) >= 4 INTO v_by_column FROM audit_new;
        IF v_by_column THEN
          v_by_column := coalesce((SELECT string_agg(a.attname, ',' ORDER BY a.attnum) FROM pg_attribute a
                                    WHERE a.attrelid = TG_RELID AND a.attnum > 0 AND NOT a.attisdropped) = 'din,din_check,status,created_at,updated_at,donor_id,banking_type,hold_from_status,received_at,receipt_temperature_ok,receipt_notes,receipt_flags,processed_at,volume_ml,tnc_count,cd34_count,viability_pct,cfu_count,nrbc_count,processing_method,abo,rh,abo_typed_at,hla,hla_resolution,hla_method,hla_typed_at,sterility_aerobic,sterility_anaerobic,sterility_organism,sterility_resulted_at,position_id,stored_at,custodian,custodian_since,reserved_for,discard_reason,rejection_reason,product_code,product_code_version,receipt_container_intact,receipt_contamination_suspected,acceptance_status,acceptance_decided_at,acceptance_decided_by,acceptance_decider_name,acceptance_reason', false);
        END IF;
        IF v_by_column THEN
          -- the columns this function was built for: compared column by column
          -- paired by position through two arrays, not by a join: plpgsql keeps the plan it made for
          -- the first statement of the session, and a join planned for one row (a nested loop) took
          -- quadratic time on a batch of 500
          SELECT array_agg(d.din ORDER BY d.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.before ORDER BY d.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.after ORDER BY d.k) FILTER (WHERE d.after IS NOT NULL),
                 bool_or(d.din_changed)
            INTO v_dins, v_before, v_after, v_din_changed
            FROM (SELECT r.k, r.n1 AS din, r.o1 IS DISTINCT FROM r.n1 AS din_changed,
                         nullif((CASE WHEN o1 IS DISTINCT FROM n1 THEN jsonb_build_object('din', o1) ELSE '{}'::jsonb END) || (CASE WHEN o2 IS DISTINCT FROM n2 THEN jsonb_build_object('din_check', o2) ELSE '{}'::jsonb END) || (CASE WHEN o3 IS DISTINCT FROM n3 THEN jsonb_build_object('status', o3) ELSE '{}'::jsonb END) || (CASE WHEN o4 IS DISTINCT FROM n4 THEN jsonb_build_object('created_at', o4) ELSE '{}'::jsonb END) || (CASE WHEN o6 IS DISTINCT FROM n6 THEN jsonb_build_object('donor_id', o6) ELSE '{}'::jsonb END) || (CASE WHEN o7 IS DISTINCT FROM n7 THEN jsonb_build_object('banking_type', o7) ELSE '{}'::jsonb END) || (CASE WHEN o8 IS DISTINCT FROM n8 THEN jsonb_build_object('hold_from_status', o8) ELSE '{}'::jsonb END) || (CASE WHEN o9 IS DISTINCT FROM n9 THEN jsonb_build_object('received_at', o9) ELSE '{}'::jsonb END) || (CASE WHEN o10 IS DISTINCT FROM n10 THEN jsonb_build_object('receipt_temperature_ok', o10) ELSE '{}'::jsonb END) || (CASE WHEN o11 IS DISTINCT FROM n11 THEN jsonb_build_object('receipt_notes', o11) ELSE '{}'::jsonb END) || (CASE WHEN o12 IS DISTINCT FROM n12 THEN jsonb_build_object('receipt_flags', o12) ELSE '{}'::jsonb END) || (CASE WHEN o13 IS DISTINCT FROM n13 THEN jsonb_build_object('processed_at', o13) ELSE '{}'::jsonb END) || (CASE WHEN o14 IS DISTINCT FROM n14 THEN jsonb_build_object('volume_ml', o14) ELSE '{}'::jsonb END) || (CASE WHEN o15 IS DISTINCT FROM n15 THEN jsonb_build_object('tnc_count', o15) ELSE '{}'::jsonb END) || (CASE WHEN o16 IS DISTINCT FROM n16 THEN jsonb_build_object('cd34_count', o16) ELSE '{}'::jsonb END) || (CASE WHEN o17 IS DISTINCT FROM n17 THEN jsonb_build_object('viability_pct', o17) ELSE '{}'::jsonb END) || (CASE WHEN o18 IS DISTINCT FROM n18 THEN jsonb_build_object('cfu_count', o18) ELSE '{}'::jsonb END) || (CASE WHEN o19 IS DISTINCT FROM n19 THEN jsonb_build_object('nrbc_count', o19) ELSE '{}'::jsonb END) || (CASE WHEN o20 IS DISTINCT FROM n20 THEN jsonb_build_object('processing_method', o20) ELSE '{}'::jsonb END) || (CASE WHEN o21 IS DISTINCT FROM n21 THEN jsonb_build_object('abo', o21) ELSE '{}'::jsonb END) || (CASE WHEN o22 IS DISTINCT FROM n22 THEN jsonb_build_object('rh', o22) ELSE '{}'::jsonb END) || (CASE WHEN o23 IS DISTINCT FROM n23 THEN jsonb_build_object('abo_typed_at', o23) ELSE '{}'::jsonb END) || (CASE WHEN o24 IS DISTINCT FROM n24 THEN jsonb_build_object('hla', o24) ELSE '{}'::jsonb END) || (CASE WHEN o25 IS DISTINCT FROM n25 THEN jsonb_build_object('hla_resolution', o25) ELSE '{}'::jsonb END) || (CASE WHEN o26 IS DISTINCT FROM n26 THEN jsonb_build_object('hla_method', o26) ELSE '{}'::jsonb END) || (CASE WHEN o27 IS DISTINCT FROM n27 THEN jsonb_build_object('hla_typed_at', o27) ELSE '{}'::jsonb END) || (CASE WHEN o28 IS DISTINCT FROM n28 THEN jsonb_build_object('sterility_aerobic', o28) ELSE '{}'::jsonb END) || (CASE WHEN o29 IS DISTINCT FROM n29 THEN jsonb_build_object('sterility_anaerobic', o29) ELSE '{}'::jsonb END) || (CASE WHEN o30 IS DISTINCT FROM n30 THEN jsonb_build_object('sterility_organism', o30) ELSE '{}'::jsonb END) || (CASE WHEN o31 IS DISTINCT FROM n31 THEN jsonb_build_object('sterility_resulted_at', o31) ELSE '{}'::jsonb END) || (CASE WHEN o32 IS DISTINCT FROM n32 THEN jsonb_build_object('position_id', o32) ELSE '{}'::jsonb END) || (CASE WHEN o33 IS DISTINCT FROM n33 THEN jsonb_build_object('stored_at', o33) ELSE '{}'::jsonb END) || (CASE WHEN o34 IS DISTINCT FROM n34 THEN jsonb_build_object('custodian', o34) ELSE '{}'::jsonb END) || (CASE WHEN o35 IS DISTINCT FROM n35 THEN jsonb_build_object('custodian_since', o35) ELSE '{}'::jsonb END) || (CASE WHEN o36 IS DISTINCT FROM n36 THEN jsonb_build_object('reserved_for', o36) ELSE '{}'::jsonb END) || (CASE WHEN o37 IS DISTINCT FROM n37 THEN jsonb_build_object('discard_reason', o37) ELSE '{}'::jsonb END) || (CASE WHEN o38 IS DISTINCT FROM n38 THEN jsonb_build_object('rejection_reason', o38) ELSE '{}'::jsonb END) || (CASE WHEN o39 IS DISTINCT FROM n39 THEN jsonb_build_object('product_code', o39) ELSE '{}'::jsonb END) || (CASE WHEN o40 IS DISTINCT FROM n40 THEN jsonb_build_object('product_code_version', o40) ELSE '{}'::jsonb END) || (CASE WHEN o41 IS DISTINCT FROM n41 THEN jsonb_build_object('receipt_container_intact', o41) ELSE '{}'::jsonb END) || (CASE WHEN o42 IS DISTINCT FROM n42 THEN jsonb_build_object('receipt_contamination_suspected', o42) ELSE '{}'::jsonb END) || (CASE WHEN o43 IS DISTINCT FROM n43 THEN jsonb_build_object('acceptance_status', o43) ELSE '{}'::jsonb END) || (CASE WHEN o44 IS DISTINCT FROM n44 THEN jsonb_build_object('acceptance_decided_at', o44) ELSE '{}'::jsonb END) || (CASE WHEN o45 IS DISTINCT FROM n45 THEN jsonb_build_object('acceptance_decided_by', o45) ELSE '{}'::jsonb END) || (CASE WHEN o46 IS DISTINCT FROM n46 THEN jsonb_build_object('acceptance_decider_name', o46) ELSE '{}'::jsonb END) || (CASE WHEN o47 IS DISTINCT FROM n47 THEN jsonb_build_object('acceptance_reason', o47) ELSE '{}'::jsonb END), '{}'::jsonb) AS before,
                         nullif((CASE WHEN o1 IS DISTINCT FROM n1 THEN jsonb_build_object('din', n1) ELSE '{}'::jsonb END) || (CASE WHEN o2 IS DISTINCT FROM n2 THEN jsonb_build_object('din_check', n2) ELSE '{}'::jsonb END) || (CASE WHEN o3 IS DISTINCT FROM n3 THEN jsonb_build_object('status', n3) ELSE '{}'::jsonb END) || (CASE WHEN o4 IS DISTINCT FROM n4 THEN jsonb_build_object('created_at', n4) ELSE '{}'::jsonb END) || (CASE WHEN o6 IS DISTINCT FROM n6 THEN jsonb_build_object('donor_id', n6) ELSE '{}'::jsonb END) || (CASE WHEN o7 IS DISTINCT FROM n7 THEN jsonb_build_object('banking_type', n7) ELSE '{}'::jsonb END) || (CASE WHEN o8 IS DISTINCT FROM n8 THEN jsonb_build_object('hold_from_status', n8) ELSE '{}'::jsonb END) || (CASE WHEN o9 IS DISTINCT FROM n9 THEN jsonb_build_object('received_at', n9) ELSE '{}'::jsonb END) || (CASE WHEN o10 IS DISTINCT FROM n10 THEN jsonb_build_object('receipt_temperature_ok', n10) ELSE '{}'::jsonb END) || (CASE WHEN o11 IS DISTINCT FROM n11 THEN jsonb_build_object('receipt_notes', n11) ELSE '{}'::jsonb END) || (CASE WHEN o12 IS DISTINCT FROM n12 THEN jsonb_build_object('receipt_flags', n12) ELSE '{}'::jsonb END) || (CASE WHEN o13 IS DISTINCT FROM n13 THEN jsonb_build_object('processed_at', n13) ELSE '{}'::jsonb END) || (CASE WHEN o14 IS DISTINCT FROM n14 THEN jsonb_build_object('volume_ml', n14) ELSE '{}'::jsonb END) || (CASE WHEN o15 IS DISTINCT FROM n15 THEN jsonb_build_object('tnc_count', n15) ELSE '{}'::jsonb END) || (CASE WHEN o16 IS DISTINCT FROM n16 THEN jsonb_build_object('cd34_count', n16) ELSE '{}'::jsonb END) || (CASE WHEN o17 IS DISTINCT FROM n17 THEN jsonb_build_object('viability_pct', n17) ELSE '{}'::jsonb END) || (CASE WHEN o18 IS DISTINCT FROM n18 THEN jsonb_build_object('cfu_count', n18) ELSE '{}'::jsonb END) || (CASE WHEN o19 IS DISTINCT FROM n19 THEN jsonb_build_object('nrbc_count', n19) ELSE '{}'::jsonb END) || (CASE WHEN o20 IS DISTINCT FROM n20 THEN jsonb_build_object('processing_method', n20) ELSE '{}'::jsonb END) || (CASE WHEN o21 IS DISTINCT FROM n21 THEN jsonb_build_object('abo', n21) ELSE '{}'::jsonb END) || (CASE WHEN o22 IS DISTINCT FROM n22 THEN jsonb_build_object('rh', n22) ELSE '{}'::jsonb END) || (CASE WHEN o23 IS DISTINCT FROM n23 THEN jsonb_build_object('abo_typed_at', n23) ELSE '{}'::jsonb END) || (CASE WHEN o24 IS DISTINCT FROM n24 THEN jsonb_build_object('hla', n24) ELSE '{}'::jsonb END) || (CASE WHEN o25 IS DISTINCT FROM n25 THEN jsonb_build_object('hla_resolution', n25) ELSE '{}'::jsonb END) || (CASE WHEN o26 IS DISTINCT FROM n26 THEN jsonb_build_object('hla_method', n26) ELSE '{}'::jsonb END) || (CASE WHEN o27 IS DISTINCT FROM n27 THEN jsonb_build_object('hla_typed_at', n27) ELSE '{}'::jsonb END) || (CASE WHEN o28 IS DISTINCT FROM n28 THEN jsonb_build_object('sterility_aerobic', n28) ELSE '{}'::jsonb END) || (CASE WHEN o29 IS DISTINCT FROM n29 THEN jsonb_build_object('sterility_anaerobic', n29) ELSE '{}'::jsonb END) || (CASE WHEN o30 IS DISTINCT FROM n30 THEN jsonb_build_object('sterility_organism', n30) ELSE '{}'::jsonb END) || (CASE WHEN o31 IS DISTINCT FROM n31 THEN jsonb_build_object('sterility_resulted_at', n31) ELSE '{}'::jsonb END) || (CASE WHEN o32 IS DISTINCT FROM n32 THEN jsonb_build_object('position_id', n32) ELSE '{}'::jsonb END) || (CASE WHEN o33 IS DISTINCT FROM n33 THEN jsonb_build_object('stored_at', n33) ELSE '{}'::jsonb END) || (CASE WHEN o34 IS DISTINCT FROM n34 THEN jsonb_build_object('custodian', n34) ELSE '{}'::jsonb END) || (CASE WHEN o35 IS DISTINCT FROM n35 THEN jsonb_build_object('custodian_since', n35) ELSE '{}'::jsonb END) || (CASE WHEN o36 IS DISTINCT FROM n36 THEN jsonb_build_object('reserved_for', n36) ELSE '{}'::jsonb END) || (CASE WHEN o37 IS DISTINCT FROM n37 THEN jsonb_build_object('discard_reason', n37) ELSE '{}'::jsonb END) || (CASE WHEN o38 IS DISTINCT FROM n38 THEN jsonb_build_object('rejection_reason', n38) ELSE '{}'::jsonb END) || (CASE WHEN o39 IS DISTINCT FROM n39 THEN jsonb_build_object('product_code', n39) ELSE '{}'::jsonb END) || (CASE WHEN o40 IS DISTINCT FROM n40 THEN jsonb_build_object('product_code_version', n40) ELSE '{}'::jsonb END) || (CASE WHEN o41 IS DISTINCT FROM n41 THEN jsonb_build_object('receipt_container_intact', n41) ELSE '{}'::jsonb END) || (CASE WHEN o42 IS DISTINCT FROM n42 THEN jsonb_build_object('receipt_contamination_suspected', n42) ELSE '{}'::jsonb END) || (CASE WHEN o43 IS DISTINCT FROM n43 THEN jsonb_build_object('acceptance_status', n43) ELSE '{}'::jsonb END) || (CASE WHEN o44 IS DISTINCT FROM n44 THEN jsonb_build_object('acceptance_decided_at', n44) ELSE '{}'::jsonb END) || (CASE WHEN o45 IS DISTINCT FROM n45 THEN jsonb_build_object('acceptance_decided_by', n45) ELSE '{}'::jsonb END) || (CASE WHEN o46 IS DISTINCT FROM n46 THEN jsonb_build_object('acceptance_decider_name', n46) ELSE '{}'::jsonb END) || (CASE WHEN o47 IS DISTINCT FROM n47 THEN jsonb_build_object('acceptance_reason', n47) ELSE '{}'::jsonb END), '{}'::jsonb) AS after
                    FROM (SELECT array_agg(t::cord_blood_units) AS a FROM audit_old t) o, (SELECT array_agg(t::cord_blood_units) AS a FROM audit_new t) nw,
                         unnest(o.a, nw.a) WITH ORDINALITY AS r(o1, o2, o3, o4, o5, o6, o7, o8, o9, o10, o11, o12, o13, o14, o15, o16, o17, o18, o19, o20, o21, o22, o23, o24, o25, o26, o27, o28, o29, o30, o31, o32, o33, o34, o35, o36, o37, o38, o39, o40, o41, o42, o43, o44, o45, o46, o47, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11, n12, n13, n14, n15, n16, n17, n18, n19, n20, n21, n22, n23, n24, n25, n26, n27, n28, n29, n30, n31, n32, n33, n34, n35, n36, n37, n38, n39, n40, n41, n42, n43, n44, n45, n46, n47, k)) d;
        ELSE
          -- a few rows, or the table's columns changed since audit_unit_update_statement_build ran: the JSON images
          WITH o AS (SELECT array_agg(to_jsonb(t)) AS a FROM audit_old t), nr AS (SELECT array_agg(to_jsonb(t)) AS a FROM audit_new t)
          SELECT array_agg(r.n ->> 'din' ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.before ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.after ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 bool_or((r.o -> 'din') IS DISTINCT FROM (r.n -> 'din'))
            INTO v_dins, v_before, v_after, v_din_changed
            FROM o, nr, unnest(o.a, nr.a) WITH ORDINALITY AS r(o, n, k)
            CROSS JOIN LATERAL audit_row_diff('UPDATE', r.o, r.n, NULL, '{updated_at,version}') d;
        END IF;
        IF v_din_changed THEN
          RAISE EXCEPTION 'the DIN of a unit record can not be changed' USING ERRCODE = 'CB409';
        END IF;
        IF v_dins IS NULL THEN
          RETURN NULL;
        END IF;
        IF cardinality(v_dins) = 1 THEN
          PERFORM audit_append(v_dins[1], v_dins[1], NULL, v_action, v_before[1], v_after[1]);
          RETURN NULL;
        END IF;
        PERFORM audit_append_set(v_dins, v_dins, array_fill(NULL::uuid, ARRAY[cardinality(v_dins)]), v_action, v_before, v_after);
        RETURN NULL;
      END $function$;

CREATE OR REPLACE FUNCTION public.audit_unit_update_statement_build()
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        v_columns text;
        v_before text;
        v_after text;
        v_aliases text;
        v_din bigint;
      BEGIN
        -- the old row's columns are o1, o2, …, the new row's n1, n2, … (attnum order) in the statement below
        SELECT string_agg(x.attname, ',' ORDER BY x.i),
               string_agg(format('(CASE WHEN o%2$s IS DISTINCT FROM n%2$s THEN jsonb_build_object(%1$L, o%2$s) ELSE ''{}''::jsonb END)', x.attname, x.i), ' || '
                          ORDER BY x.i) FILTER (WHERE x.attname NOT IN ('updated_at', 'version')),
               string_agg(format('(CASE WHEN o%2$s IS DISTINCT FROM n%2$s THEN jsonb_build_object(%1$L, n%2$s) ELSE ''{}''::jsonb END)', x.attname, x.i), ' || '
                          ORDER BY x.i) FILTER (WHERE x.attname NOT IN ('updated_at', 'version')),
               string_agg('o' || x.i, ', ' ORDER BY x.i) || ', ' || string_agg('n' || x.i, ', ' ORDER BY x.i),
               max(x.i) FILTER (WHERE x.attname = 'din')
          INTO v_columns, v_before, v_after, v_aliases, v_din
          FROM (SELECT a.attname, row_number() OVER (ORDER BY a.attnum) AS i
                  FROM pg_attribute a
                 WHERE a.attrelid = 'cord_blood_units'::regclass AND a.attnum > 0 AND NOT a.attisdropped) x;
        EXECUTE format($fn$
      CREATE OR REPLACE FUNCTION audit_unit_update_statement() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET jit = off AS $body$
      DECLARE
        v_dins text[];
        v_before jsonb[];
        v_after jsonb[];
        v_din_changed boolean;
        v_by_column boolean;
        v_action text := audit_action('cord_blood_units.update');
      BEGIN
        -- old and new rows pair up by position, as in audit_unit_statement. A statement of a few rows
        -- (the service's, one unit) takes the JSON images: the column-wise statement costs about
        -- 70 µs more for one row and saves about 45 µs a row (measured in psql)
        SELECT count(*) >= 4 INTO v_by_column FROM audit_new;
        IF v_by_column THEN
          v_by_column := coalesce((SELECT string_agg(a.attname, ',' ORDER BY a.attnum) FROM pg_attribute a
                                    WHERE a.attrelid = TG_RELID AND a.attnum > 0 AND NOT a.attisdropped) = %1$L, false);
        END IF;
        IF v_by_column THEN
          -- the columns this function was built for: compared column by column
          -- paired by position through two arrays, not by a join: plpgsql keeps the plan it made for
          -- the first statement of the session, and a join planned for one row (a nested loop) took
          -- quadratic time on a batch of 500
          SELECT array_agg(d.din ORDER BY d.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.before ORDER BY d.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.after ORDER BY d.k) FILTER (WHERE d.after IS NOT NULL),
                 bool_or(d.din_changed)
            INTO v_dins, v_before, v_after, v_din_changed
            FROM (SELECT r.k, r.n%5$s AS din, r.o%5$s IS DISTINCT FROM r.n%5$s AS din_changed,
                         nullif(%2$s, '{}'::jsonb) AS before,
                         nullif(%3$s, '{}'::jsonb) AS after
                    FROM (SELECT array_agg(t::cord_blood_units) AS a FROM audit_old t) o, (SELECT array_agg(t::cord_blood_units) AS a FROM audit_new t) nw,
                         unnest(o.a, nw.a) WITH ORDINALITY AS r(%4$s, k)) d;
        ELSE
          -- a few rows, or the table's columns changed since audit_unit_update_statement_build ran: the JSON images
          WITH o AS (SELECT array_agg(to_jsonb(t)) AS a FROM audit_old t), nr AS (SELECT array_agg(to_jsonb(t)) AS a FROM audit_new t)
          SELECT array_agg(r.n ->> 'din' ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.before ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.after ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 bool_or((r.o -> 'din') IS DISTINCT FROM (r.n -> 'din'))
            INTO v_dins, v_before, v_after, v_din_changed
            FROM o, nr, unnest(o.a, nr.a) WITH ORDINALITY AS r(o, n, k)
            CROSS JOIN LATERAL audit_row_diff('UPDATE', r.o, r.n, NULL, '{updated_at,version}') d;
        END IF;
        IF v_din_changed THEN
          RAISE EXCEPTION 'the DIN of a unit record can not be changed' USING ERRCODE = 'CB409';
        END IF;
        IF v_dins IS NULL THEN
          RETURN NULL;
        END IF;
        IF cardinality(v_dins) = 1 THEN
          PERFORM audit_append(v_dins[1], v_dins[1], NULL, v_action, v_before[1], v_after[1]);
          RETURN NULL;
        END IF;
        PERFORM audit_append_set(v_dins, v_dins, array_fill(NULL::uuid, ARRAY[cardinality(v_dins)]), v_action, v_before, v_after);
        RETURN NULL;
      END $body$$fn$, v_columns, v_before, v_after, v_aliases, v_din);
        EXECUTE format('COMMENT ON FUNCTION audit_unit_update_statement() IS %L', 'columns: ' || v_columns);
        REVOKE ALL ON FUNCTION audit_unit_update_statement() FROM PUBLIC;
      END $function$;

CREATE OR REPLACE FUNCTION public.clinical_administration_dose_check()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        v_source text;
        v_counted text;
        v_unit record;
        v_req record;
        v_expected double precision;
        v_cd34 double precision;
      BEGIN
        SELECT dose_source, counted_cells INTO v_source, v_counted FROM clinical_cell_types WHERE code = NEW.cell_type;
        SELECT tnc_count, cd34_count INTO v_unit FROM cord_blood_units WHERE din = NEW.din;
        SELECT din INTO v_req FROM release_requests WHERE id = NEW.release_request_id;
        IF v_req.din IS DISTINCT FROM NEW.din THEN
          RAISE EXCEPTION 'the administration names unit %, but the request holds %', NEW.din, v_req.din USING ERRCODE = 'CB422';
        END IF;
        IF v_source = 'unit_tnc' THEN
          IF NEW.measured_cell_count IS NOT NULL THEN
            RAISE EXCEPTION 'measuredCellCount is only for a prepared fraction, not for %', NEW.cell_type USING ERRCODE = 'CB422';
          END IF;
          IF v_unit.tnc_count IS NULL OR v_unit.tnc_count <= 0 THEN
            RAISE EXCEPTION 'unit % has no TNC count to compute the dose from', NEW.din USING ERRCODE = 'CB422';
          END IF;
          v_expected := v_unit.tnc_count::double precision / NEW.patient_weight_kg::double precision;
          v_cd34 := CASE WHEN v_unit.cd34_count IS NULL THEN NULL ELSE v_unit.cd34_count::double precision / NEW.patient_weight_kg::double precision END;
        ELSE
          IF NEW.measured_cell_count IS NULL THEN
            RAISE EXCEPTION 'measuredCellCount (the % count of the prepared fraction) is required for %', v_counted, NEW.cell_type USING ERRCODE = 'CB422';
          END IF;
          v_expected := NEW.measured_cell_count / NEW.patient_weight_kg::double precision;
          v_cd34 := CASE WHEN v_counted = 'CD34+' THEN v_expected ELSE NULL END;
        END IF;
        IF abs(NEW.dose_per_kg - v_expected) > 1e-9 * v_expected
           OR (v_cd34 IS NULL) <> (NEW.cd34_per_kg IS NULL)
           OR (v_cd34 IS NOT NULL AND abs(NEW.cd34_per_kg - v_cd34) > 1e-9 * v_cd34) THEN
          RAISE EXCEPTION 'the dose is computed from the unit counts, the measured count and the weight (% per kg expected, % given)', v_expected, NEW.dose_per_kg
            USING ERRCODE = 'CB422';
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.clinical_correction_needs_reason()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF nullif(current_setting('app.reason', true), '') IS NULL THEN
          RAISE EXCEPTION 'a correction of % needs a reason', TG_TABLE_NAME USING ERRCODE = 'CB422';
        END IF;
        IF NEW.release_request_id IS DISTINCT FROM OLD.release_request_id THEN
          RAISE EXCEPTION 'a clinical record can not move to another request' USING ERRCODE = 'CB422';
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.clinical_dose_bands_no_overlap()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      DECLARE
        v_other text;
      BEGIN
        LOCK TABLE clinical_dose_bands IN SHARE ROW EXCLUSIVE MODE;
        SELECT code INTO v_other FROM clinical_dose_bands b
         WHERE b.cell_type = NEW.cell_type AND b.code <> NEW.code
           AND b.min_per_kg < coalesce(NEW.max_per_kg, 'infinity'::double precision)
           AND NEW.min_per_kg < coalesce(b.max_per_kg, 'infinity'::double precision)
         LIMIT 1;
        IF v_other IS NOT NULL THEN
          RAISE EXCEPTION 'dose band % overlaps band % of %', NEW.code, v_other, NEW.cell_type USING ERRCODE = 'CB422';
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.clinical_measurement_check()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        m outcome_measures;
        v_use text;
        v_visit uuid;
      BEGIN
        SELECT * INTO m FROM outcome_measures WHERE code = NEW.measure;
        SELECT r.intended_use INTO v_use FROM release_requests r WHERE r.id = NEW.release_request_id;
        SELECT f.release_request_id INTO v_visit FROM clinical_follow_ups f WHERE f.id = NEW.follow_up_id;
        IF v_visit IS DISTINCT FROM NEW.release_request_id THEN
          RAISE EXCEPTION 'the follow-up visit belongs to another request' USING ERRCODE = 'CB422';
        END IF;
        IF NOT v_use = ANY (m.applicable_uses) THEN
          RAISE EXCEPTION '% is not a measure for %', m.code, v_use USING ERRCODE = 'CB422';
        END IF;
        IF m.value_type IN ('number', 'integer') THEN
          IF NEW.value_number IS NULL OR NEW.value_number < m.min_value OR NEW.value_number > m.max_value
             OR (m.value_type = 'integer' AND NEW.value_number <> trunc(NEW.value_number)) THEN
            RAISE EXCEPTION '% must be % between % and %', m.code, CASE WHEN m.value_type = 'integer' THEN 'an integer' ELSE 'a number' END,
              m.min_value, m.max_value || coalesce(' ' || m.unit, '') USING ERRCODE = 'CB422';
          END IF;
        ELSIF m.value_type = 'boolean' THEN
          IF NEW.value_bool IS NULL THEN
            RAISE EXCEPTION '% must be true or false', m.code USING ERRCODE = 'CB422';
          END IF;
        ELSIF NEW.value_text IS NULL OR NOT NEW.value_text = ANY (m.categories) THEN
          RAISE EXCEPTION '% must be one of %', m.code, array_to_string(m.categories, ', ') USING ERRCODE = 'CB422';
        END IF;
        IF NEW.method IS NOT NULL AND NOT NEW.method = ANY (m.methods) THEN
          RAISE EXCEPTION '% is not a method of %', NEW.method, m.code USING ERRCODE = 'CB422';
        END IF;
        IF NEW.adverse_reaction_id IS NOT NULL AND NOT m.links_adverse_reaction THEN
          RAISE EXCEPTION '% does not link an adverse reaction', m.code USING ERRCODE = 'CB422';
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.custody_events_in_time_order()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      DECLARE
        v_last record;
      BEGIN
        SELECT seq, kind, handed_over_at INTO v_last FROM custody_events WHERE din = NEW.din ORDER BY seq DESC LIMIT 1;
        IF FOUND AND NEW.handed_over_at < v_last.handed_over_at THEN
          RAISE EXCEPTION 'a custody event of unit % at % would be earlier than its last one (% at %): custody events are recorded in time order',
            NEW.din, to_char(NEW.handed_over_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            v_last.kind, to_char(v_last.handed_over_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
            USING ERRCODE = 'CB422', COLUMN = 'handed_over_at', TABLE = 'custody_events';
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.decided_once()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      DECLARE
        before jsonb := to_jsonb(OLD);
        after jsonb := to_jsonb(NEW);
        col text;
      BEGIN
        IF coalesce(before -> TG_ARGV[0], 'null'::jsonb) = 'null'::jsonb THEN
          RETURN NEW;
        END IF;
        FOREACH col IN ARRAY TG_ARGV LOOP
          IF (before -> col) IS DISTINCT FROM (after -> col) THEN
            RAISE EXCEPTION '%.% is decided once and can not change (it was %)', TG_TABLE_NAME, col, before ->> col
              USING ERRCODE = 'CB409', COLUMN = col;
          END IF;
        END LOOP;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.deviation_child_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      DECLARE
        v_status text;
        v_number text;
      BEGIN
        SELECT status, deviation_number INTO v_status, v_number FROM deviations WHERE id = NEW.deviation_id FOR SHARE;
        IF v_status = 'closed' THEN
          RAISE EXCEPTION 'deviation % is closed: its units and CAPA actions can not be changed', v_number USING ERRCODE = 'CB409';
        END IF;
        IF TG_OP = 'UPDATE' AND NEW.deviation_id IS DISTINCT FROM OLD.deviation_id THEN
          RAISE EXCEPTION 'a record of deviation % can not move to another deviation', v_number USING ERRCODE = 'CB409';
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.deviation_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      DECLARE
        v_open integer;
        v_undispositioned text;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.status <> 'open' THEN
            RAISE EXCEPTION 'a new deviation starts open, not %', NEW.status USING ERRCODE = 'CB422';
          END IF;
          RETURN NEW;
        END IF;
        IF OLD.status = 'closed' THEN
          RAISE EXCEPTION 'deviation % is closed: it can not be changed', OLD.deviation_number USING ERRCODE = 'CB409';
        END IF;
        IF NEW.deviation_number IS DISTINCT FROM OLD.deviation_number OR NEW.reported_by IS DISTINCT FROM OLD.reported_by OR NEW.source IS DISTINCT FROM OLD.source THEN
          RAISE EXCEPTION 'the number, reporter and source of deviation % can not be changed', OLD.deviation_number USING ERRCODE = 'CB409';
        END IF;
        IF NEW.status = 'open' AND OLD.status <> 'open' THEN
          RAISE EXCEPTION 'deviation % can not go back from % to open', OLD.deviation_number, OLD.status USING ERRCODE = 'CB409';
        END IF;
        IF NEW.status = 'closed' THEN
          SELECT count(*) INTO v_open FROM deviation_capa_actions WHERE deviation_id = NEW.id AND (done_at IS NULL OR effectiveness IS NULL);
          IF v_open > 0 THEN
            RAISE EXCEPTION 'deviation % can not be closed: % CAPA action(s) not done or without an effectiveness check', OLD.deviation_number, v_open
              USING ERRCODE = 'CB409';
          END IF;
          -- 21 CFR 1271.350(b): a deviation concerning a distributed unit is reported to FDA, or QA records why it is not reportable
          IF NEW.fda_reported_at IS NULL AND NEW.fda_not_reportable_reason IS NULL AND EXISTS (
               SELECT 1 FROM deviation_units WHERE deviation_id = NEW.id AND status_when_added IN ('shipped', 'delivered', 'infused')) THEN
            RAISE EXCEPTION 'deviation % can not be closed: it concerns a distributed unit and has neither an FDA report nor the reason it is not reportable', OLD.deviation_number
              USING ERRCODE = 'CB409';
          END IF;
          SELECT string_agg(din, ', ' ORDER BY din) INTO v_undispositioned FROM deviation_units WHERE deviation_id = NEW.id AND disposition IS NULL;
          IF v_undispositioned IS NOT NULL THEN
            RAISE EXCEPTION 'deviation % can not be closed: no disposition for unit(s) %', OLD.deviation_number, v_undispositioned
              USING ERRCODE = 'CB409';
          END IF;
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.document_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'documents are never deleted (supersede it with a reason)' USING ERRCODE = 'CB409';
        END IF;
        IF OLD.superseded_by IS NOT NULL THEN
          RAISE EXCEPTION 'document % is already superseded', OLD.id USING ERRCODE = 'CB409';
        END IF;
        IF (to_jsonb(NEW) - 'superseded_by' - 'superseded_at' - 'supersede_reason') IS DISTINCT FROM (to_jsonb(OLD) - 'superseded_by' - 'superseded_at' - 'supersede_reason') THEN
          RAISE EXCEPTION 'a stored document can not be changed (only superseded, with a reason)' USING ERRCODE = 'CB409';
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.eligibility_determinations_fixed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF OLD.voided_at IS NOT NULL THEN
          RAISE EXCEPTION 'a voided eligibility determination can not change' USING ERRCODE = 'CB409';
        END IF;
        IF (to_jsonb(NEW) - 'voided_at' - 'void_reason') IS DISTINCT FROM (to_jsonb(OLD) - 'voided_at' - 'void_reason') THEN
          RAISE EXCEPTION 'an eligibility determination is never changed; it can only be voided' USING ERRCODE = 'CB409';
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.equipment_service_state_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      DECLARE
        v_today date := (now() AT TIME ZONE 'UTC')::date;
        v_since date := (OLD.out_of_service_since AT TIME ZONE 'UTC')::date;
      BEGIN
        IF NOT OLD.in_service AND NEW.in_service THEN
          IF NOT EXISTS (SELECT 1 FROM equipment_services s
                          WHERE s.equipment_id = NEW.id AND s.created_at >= OLD.out_of_service_since AND s.performed_on >= v_since) THEN
            RAISE EXCEPTION 'equipment % (serial %) returns to service only with a calibration or maintenance performed and recorded since it was taken out of service on %',
              NEW.name, NEW.serial_number, v_since USING ERRCODE = 'CB422';
          END IF;
          IF NEW.calibration_due_on < v_today OR NEW.maintenance_due_on < v_today THEN
            RAISE EXCEPTION 'equipment % (serial %) can not return to service: its % was due on %', NEW.name, NEW.serial_number,
              CASE WHEN NEW.calibration_due_on < v_today THEN 'calibration' ELSE 'maintenance' END,
              CASE WHEN NEW.calibration_due_on < v_today THEN NEW.calibration_due_on ELSE NEW.maintenance_due_on END
              USING ERRCODE = 'CB422';
          END IF;
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.freezer_review_no_gap()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      DECLARE
        v_last timestamptz;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('freezer_temperature_reviews:' || NEW.freezer_id::text, 0));
        SELECT max(period_to) INTO v_last FROM freezer_temperature_reviews WHERE freezer_id = NEW.freezer_id;
        IF v_last IS NOT NULL AND NEW.period_from > v_last THEN
          RAISE EXCEPTION 'periodFrom leaves a gap: the last review covered up to %; start there or earlier',
            to_char(v_last AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') USING ERRCODE = 'CB422', COLUMN = 'period_from';
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.hla_key(p_allele text, p_level text)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
        SELECT coalesce(
          CASE WHEN p_level = 'antigen' THEN (substring(p_allele FROM '^([0-9]{2,3})'))::integer
               ELSE (substring(p_allele FROM '^([0-9]{2,3}):[0-9]{2,3}'))::integer * 1000
                    + (substring(p_allele FROM '^[0-9]{2,3}:([0-9]{2,3})'))::integer
          END, -1)
      $function$;

CREATE OR REPLACE FUNCTION public.idm_tests_not_legacy()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          NEW.legacy := false;
        ELSE
          NEW.legacy := OLD.legacy;
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.lab_events_keep_raw()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF NEW.id <> OLD.id OR NEW.integration_id <> OLD.integration_id OR NEW.event_id <> OLD.event_id
           OR NEW.type <> OLD.type OR NEW.occurred_at <> OLD.occurred_at OR NEW.received_at <> OLD.received_at
           OR NEW.din IS DISTINCT FROM OLD.din OR NEW.donor_number IS DISTINCT FROM OLD.donor_number
           OR NEW.freezer IS DISTINCT FROM OLD.freezer OR NEW.body_hash <> OLD.body_hash OR NEW.body <> OLD.body THEN
          RAISE EXCEPTION 'lab event %: the raw record is kept as received and can not be changed', OLD.id USING ERRCODE = 'CB409';
        END IF;
        IF NEW.answer_status <> OLD.answer_status OR NEW.answer_body <> OLD.answer_body THEN
          RAISE EXCEPTION 'lab event %: the first answer is kept for retries and can not be changed', OLD.id USING ERRCODE = 'CB409';
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.lab_events_refuse_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        RAISE EXCEPTION 'lab events are kept: % refused', TG_OP USING ERRCODE = 'CB403';
      END $function$;

CREATE OR REPLACE FUNCTION public.lookback_hold_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      DECLARE
        v_number text;
      BEGIN
        SELECT l.lookback_number INTO v_number
          FROM lookback_units lu JOIN lookbacks l ON l.id = lu.lookback_id
         WHERE lu.din = NEW.din AND lu.disposition IS NULL AND lu.action IN ('held', 'already_on_hold') AND l.status = 'open'
         ORDER BY l.lookback_number LIMIT 1;
        IF v_number IS NOT NULL THEN
          RAISE EXCEPTION 'Unit % is held by look-back %, which has not dispositioned it yet: it stays on hold or is discarded', NEW.din, v_number
            USING ERRCODE = 'CBL09', DETAIL = v_number;
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.lookback_part_open()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF EXISTS (SELECT 1 FROM lookbacks WHERE id = NEW.lookback_id AND status = 'closed') THEN
          RAISE EXCEPTION 'the look-back is closed: its records no longer change' USING ERRCODE = 'CB409';
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.lookbacks_closure()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      DECLARE
        v_open integer;
        v_unnotified integer;
      BEGIN
        IF OLD.status = 'closed' THEN
          RAISE EXCEPTION 'look-back % is closed', OLD.lookback_number USING ERRCODE = 'CB409';
        END IF;
        IF NEW.status = 'closed' THEN
          SELECT count(*) INTO v_open FROM lookback_units WHERE lookback_id = NEW.id AND disposition IS NULL;
          SELECT count(*) INTO v_unnotified FROM lookback_consignees c
           WHERE c.lookback_id = NEW.id AND NOT EXISTS (SELECT 1 FROM lookback_notifications n WHERE n.consignee_id = c.id);
          IF v_open > 0 OR v_unnotified > 0 THEN
            RAISE EXCEPTION 'look-back % can not close: % unit(s) without a disposition, % consignee(s) not notified', NEW.lookback_number, v_open, v_unnotified
              USING ERRCODE = 'CB409';
          END IF;
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.quality_record_number()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        v_prefix text := TG_ARGV[0];
        v_column text := TG_ARGV[1];
        v_next integer;
      BEGIN
        INSERT INTO quality_record_counters (kind, last_value) VALUES (TG_TABLE_NAME, 1)
          ON CONFLICT (kind) DO UPDATE SET last_value = quality_record_counters.last_value + 1
          RETURNING last_value INTO v_next;
        NEW := jsonb_populate_record(NEW, jsonb_build_object(v_column, v_prefix || lpad(v_next::text, 6, '0')));
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.reference_refuse_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        RAISE EXCEPTION '% is append-only: a product code table is changed by loading a new version', TG_TABLE_NAME USING ERRCODE = 'CB403';
      END $function$;

CREATE OR REPLACE FUNCTION public.release_request_next_states(p_status text)
 RETURNS text[]
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
        SELECT CASE p_status
          WHEN 'submitted' THEN ARRAY['reserved', 'cancelled']
          WHEN 'reserved' THEN ARRAY['approved', 'cancelled']
          WHEN 'approved' THEN ARRAY['shipped', 'cancelled']
          WHEN 'shipped' THEN ARRAY['delivered']
          WHEN 'delivered' THEN ARRAY['completed']
          ELSE ARRAY[]::text[] END
      $function$;

CREATE OR REPLACE FUNCTION public.release_request_status_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      DECLARE
        v_allowed text[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.status <> 'submitted' THEN
            RAISE EXCEPTION 'a new release request starts as submitted, not %', NEW.status USING ERRCODE = 'CBT01', DETAIL = 'submitted';
          END IF;
          RETURN NEW;
        END IF;
        IF NEW.din IS DISTINCT FROM OLD.din AND OLD.din IS NOT NULL THEN
          RAISE EXCEPTION 'release request % already names unit %; it can not name another', OLD.request_number, OLD.din USING ERRCODE = 'CB409';
        END IF;
        IF NEW.status IS NOT DISTINCT FROM OLD.status THEN
          RETURN NEW;
        END IF;
        v_allowed := release_request_next_states(OLD.status);
        IF NOT NEW.status = ANY (v_allowed) THEN
          RAISE EXCEPTION 'release request % can not go from % to %; allowed: %', OLD.request_number, OLD.status, NEW.status,
            coalesce(nullif(array_to_string(v_allowed, ', '), ''), 'none (final)')
            USING ERRCODE = 'CBT01', DETAIL = array_to_string(v_allowed, ',');
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.release_requests_directed_use()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF NEW.status = 'approved' AND OLD.status IS DISTINCT FROM 'approved'
           AND (NEW.directed_use IS NULL OR NOT (NEW.directed_use ? 'physicianNotifiedAt'))
           AND EXISTS (SELECT 1 FROM eligibility_determinations d WHERE d.din = NEW.din AND d.voided_at IS NULL AND d.status = 'ineligible') THEN
          RAISE EXCEPTION 'the release of a unit from an ineligible donor needs the directed use and the physician''s notification recorded (21 CFR 1271.65(b))'
            USING ERRCODE = 'CB422', COLUMN = 'directed_use';
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.release_reservation_consistent()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        v_request record;
        v_reserved_for uuid;
      BEGIN
        IF TG_TABLE_NAME = 'release_requests' THEN
          SELECT id, request_number, status, din INTO v_request FROM release_requests WHERE id = NEW.id;
          IF v_request.din IS NULL THEN
            RETURN NULL;
          END IF;
          SELECT reserved_for INTO v_reserved_for FROM cord_blood_units WHERE din = v_request.din;
          IF v_request.status NOT IN ('submitted', 'cancelled') AND v_reserved_for IS DISTINCT FROM v_request.id THEN
            RAISE EXCEPTION 'release request % is % but unit % is not reserved for it', v_request.request_number, v_request.status, v_request.din
              USING ERRCODE = 'CB409';
          END IF;
          IF v_request.status IN ('submitted', 'cancelled') AND v_reserved_for IS NOT DISTINCT FROM v_request.id THEN
            RAISE EXCEPTION 'release request % is % but unit % is still reserved for it', v_request.request_number, v_request.status, v_request.din
              USING ERRCODE = 'CB409';
          END IF;
        ELSE
          SELECT reserved_for INTO v_reserved_for FROM cord_blood_units WHERE din = NEW.din;
          IF v_reserved_for IS NULL THEN
            RETURN NULL;
          END IF;
          SELECT id, request_number, status, din INTO v_request FROM release_requests WHERE id = v_reserved_for;
          IF v_request.din IS DISTINCT FROM NEW.din OR v_request.status IN ('submitted', 'cancelled') THEN
            RAISE EXCEPTION 'unit % is reserved for release request % which does not hold it', NEW.din, v_request.request_number
              USING ERRCODE = 'CB409';
          END IF;
        END IF;
        RETURN NULL;
      END $function$;

CREATE OR REPLACE FUNCTION public.screenings_deferral_by_correction()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF NEW.deferral_reasons IS DISTINCT FROM OLD.deferral_reasons
           AND (NEW.corrected_at IS NOT DISTINCT FROM OLD.corrected_at OR NEW.correction_reason IS NULL) THEN
          RAISE EXCEPTION 'a deferral is changed only by a correction with a reason (21 CFR 1271.75(d))'
            USING ERRCODE = 'CB422', COLUMN = 'correction_reason';
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.storage_claim_free_position(p_freezer uuid)
 RETURNS uuid
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        v_box uuid;
        v_position uuid;
      BEGIN
        FOR v_box IN SELECT b.id FROM storage_boxes b WHERE b.freezer_id = p_freezer AND b.used_count < b.capacity ORDER BY b.rack_no, b.box_no LOOP
          SELECT p.id INTO v_position FROM storage_positions p
           WHERE p.box_id = v_box AND NOT EXISTS (SELECT 1 FROM cord_blood_units u WHERE u.position_id = p.id)
           ORDER BY p.row_no, p.col_no LIMIT 1
           FOR UPDATE SKIP LOCKED;
          IF v_position IS NOT NULL THEN
            RETURN v_position;
          END IF;
        END LOOP;
        RETURN NULL;
      END $function$;

CREATE OR REPLACE FUNCTION public.storage_freezer_created()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      BEGIN
        INSERT INTO freezer_occupancy (freezer_id) VALUES (NEW.id);
        RETURN NULL;
      END $function$;

CREATE OR REPLACE FUNCTION public.storage_num(n integer)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
        SELECT CASE WHEN n < 10 THEN '0' || n::text ELSE n::text END
      $function$;

CREATE OR REPLACE FUNCTION public.storage_unit_excursions_statement()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      BEGIN
        -- most statements: no freezer has an open excursion (a small table)
        IF NOT EXISTS (SELECT 1 FROM freezers WHERE open_excursion_id IS NOT NULL) THEN
          RETURN NULL;
        END IF;
        IF TG_OP = 'INSERT' THEN
          INSERT INTO unit_excursions (din, excursion_id, position_label)
          SELECT x.din, f.open_excursion_id, p.label
            FROM (SELECT array_agg(t.din) AS dins, array_agg(t.position_id) AS pos FROM audit_new t) a,
                 unnest(a.dins, a.pos) WITH ORDINALITY AS x(din, position_id, k)
            JOIN storage_positions p ON p.id = x.position_id
            JOIN storage_boxes b ON b.id = p.box_id
            JOIN freezers f ON f.id = b.freezer_id
           WHERE f.open_excursion_id IS NOT NULL
           ORDER BY x.k
          ON CONFLICT (din, excursion_id) DO NOTHING;
        ELSE
          INSERT INTO unit_excursions (din, excursion_id, position_label)
          SELECT x.din, f.open_excursion_id, p.label
            FROM (SELECT array_agg(t.position_id) AS pos FROM audit_old t) o,
                 (SELECT array_agg(t.din) AS dins, array_agg(t.position_id) AS pos FROM audit_new t) a,
                 unnest(o.pos, a.dins, a.pos) WITH ORDINALITY AS x(old_position_id, din, position_id, k)
            JOIN storage_positions p ON p.id = x.position_id
            JOIN storage_boxes b ON b.id = p.box_id
            JOIN freezers f ON f.id = b.freezer_id
           WHERE x.old_position_id IS DISTINCT FROM x.position_id AND f.open_excursion_id IS NOT NULL
           ORDER BY x.k
          ON CONFLICT (din, excursion_id) DO NOTHING;
        END IF;
        RETURN NULL;
      END $function$;

CREATE OR REPLACE FUNCTION public.storage_unit_position_changed()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        v_old uuid := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.position_id END;
        v_new uuid := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.position_id END;
        v_new_box uuid;
        v_label text;
        v_freezer record;
      BEGIN
        IF v_old IS NOT DISTINCT FROM v_new THEN
          RETURN NULL;
        END IF;
        IF v_new IS NOT NULL THEN
          SELECT p.box_id, p.label INTO v_new_box, v_label FROM storage_positions p WHERE p.id = v_new;
          -- FOR SHARE: waits for a concurrent change of the freezer (out of service, an excursion opening)
          SELECT f.id, f.code, f.name, f.in_service, f.open_excursion_id INTO v_freezer
            FROM storage_boxes b JOIN freezers f ON f.id = b.freezer_id WHERE b.id = v_new_box FOR SHARE OF f;
          IF NOT v_freezer.in_service THEN
            RAISE EXCEPTION 'freezer % (%) is out of service: no unit can be placed in it', v_freezer.code, v_freezer.name
              USING ERRCODE = 'CB409';
          END IF;
          IF v_old IS NULL AND NEW.status NOT IN ('quarantine', 'available', 'on_hold') THEN
            RAISE EXCEPTION 'unit % is %: only a unit in quarantine, available or on_hold can be stored', NEW.din, NEW.status
              USING ERRCODE = 'CB409';
          END IF;
          -- an open excursion of the freezer: recorded by storage_unit_excursions_statement, after the unit's audit entry
        END IF;
        -- the box's and the freezer's counts: storage_unit_counts_statement, once per statement
        RETURN NULL;
      END $function$;

CREATE OR REPLACE FUNCTION public.storage_unit_positions_statement()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
 SET plan_cache_mode TO 'force_generic_plan'
AS $function$
      DECLARE
        v_dins text[];
        v_from uuid[];
        v_to uuid[];
        -- clock_timestamp(), not now(): changes of one unit are serialised by its row lock, so a
        -- transaction that began earlier but got the lock later still records a later time; read
        -- once, so the stay left and the stay entered meet exactly
        v_at timestamptz;
      BEGIN
        -- the units that changed position, with where from and where to (null: not stored)
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(n.din), array_agg(NULL::uuid), array_agg(n.position_id)
            INTO v_dins, v_from, v_to FROM pos_new n WHERE n.position_id IS NOT NULL;
        ELSIF TG_OP = 'DELETE' THEN
          SELECT array_agg(o.din), array_agg(o.position_id), array_agg(NULL::uuid)
            INTO v_dins, v_from, v_to FROM pos_old o WHERE o.position_id IS NOT NULL;
        ELSE
          -- most updates of a unit do not move it: one look at the pairs (the DIN never changes)
          SELECT array_agg(n.din), array_agg(o.position_id), array_agg(n.position_id)
            INTO v_dins, v_from, v_to
            FROM pos_old o JOIN pos_new n ON n.din = o.din
           WHERE o.position_id IS DISTINCT FROM n.position_id;
        END IF;
        IF v_dins IS NULL THEN
          RETURN NULL;
        END IF;
        -- each unit that entered a position counts +1 for its box and its freezer, each that left one -1
        WITH moves AS (
          SELECT p.box_id, p.freezer_id, m.delta
            FROM unnest(v_from, v_to) AS x(from_pos, to_pos)
           CROSS JOIN LATERAL (VALUES (x.to_pos, 1), (x.from_pos, -1)) AS m(position_id, delta)
            JOIN storage_positions p ON p.id = m.position_id),
        boxes AS (
          UPDATE storage_boxes b SET used_count = b.used_count + x.delta
            FROM (SELECT box_id, sum(delta)::integer AS delta FROM moves GROUP BY box_id HAVING sum(delta) <> 0) x
           WHERE b.id = x.box_id)
        UPDATE freezer_occupancy f SET used_count = f.used_count + x.delta
          FROM (SELECT freezer_id, sum(delta)::integer AS delta FROM moves GROUP BY freezer_id HAVING sum(delta) <> 0) x
         WHERE f.freezer_id = x.freezer_id;
        -- the history: a deleted unit row (which the history's foreign key refuses) leaves the stays as they are
        IF TG_OP = 'DELETE' THEN
          RETURN NULL;
        END IF;
        v_at := clock_timestamp();
        UPDATE unit_storage_history h SET stored_until = greatest(v_at, h.stored_from)
          FROM unnest(v_dins, v_from) AS m(din, from_pos)
         WHERE m.from_pos IS NOT NULL AND h.din = m.din AND h.stored_until IS NULL;
        INSERT INTO unit_storage_history (din, position_id, freezer_id, position_label, stored_from)
        SELECT m.din, p.id, p.freezer_id, p.label,
               greatest(v_at, (SELECT max(h.stored_until) FROM unit_storage_history h WHERE h.din = m.din))
          FROM unnest(v_dins, v_to) WITH ORDINALITY AS m(din, to_pos, k) JOIN storage_positions p ON p.id = m.to_pos
         ORDER BY m.k;
        RETURN NULL;
      END $function$;

CREATE OR REPLACE FUNCTION public.storage_unreviewed_excursion_gate()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      DECLARE
        v_excursion uuid;
      BEGIN
        IF NEW.status IS NOT DISTINCT FROM OLD.status OR NEW.status NOT IN ('available', 'shipped')
           OR (NEW.status = 'available' AND OLD.status = 'reserved') THEN
          RETURN NEW;
        END IF;
        SELECT ue.excursion_id INTO v_excursion FROM unit_excursions ue
         WHERE ue.din = NEW.din AND (ue.reviewed_at IS NULL OR ue.review_outcome = 'unacceptable')
         ORDER BY ue.recorded_at LIMIT 1;
        IF v_excursion IS NOT NULL THEN
          RAISE EXCEPTION 'unit % went through temperature excursion % that QA has not accepted: it can not become %', NEW.din, v_excursion, NEW.status
            USING ERRCODE = 'CB409';
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.supply_link_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      DECLARE
        v_problem text;
        v_ok boolean;
        v_used date := (NEW.used_at AT TIME ZONE 'UTC')::date;
      BEGIN
        IF TG_TABLE_NAME = 'unit_supply_lots' THEN
          SELECT CASE WHEN l.qc_status <> 'accepted' THEN format('supply lot %s (%s) is not QC-accepted (%s)', l.lot_number, l.type, l.qc_status)
                      WHEN l.expires_on < v_used THEN format('supply lot %s (%s) expired on %s', l.lot_number, l.type, l.expires_on) END
            INTO v_problem FROM supply_lots l WHERE l.id = NEW.supply_lot_id;
        ELSE
          SELECT CASE WHEN NOT e.in_service THEN format('equipment %s (serial %s) is out of service', e.name, e.serial_number)
                      WHEN e.calibration_due_on < v_used THEN format('equipment %s (serial %s) was due for calibration on %s', e.name, e.serial_number, e.calibration_due_on)
                      WHEN e.maintenance_due_on < v_used THEN format('equipment %s (serial %s) was due for maintenance on %s', e.name, e.serial_number, e.maintenance_due_on) END
            INTO v_problem FROM equipment e WHERE e.id = NEW.equipment_id;
        END IF;
        IF v_problem IS NULL THEN
          RETURN NEW;
        END IF;
        IF NEW.exception_id IS NOT NULL THEN
          -- (NEW has only its own table's columns: one query per table)
          IF TG_TABLE_NAME = 'unit_supply_lots' THEN
            SELECT x.valid_until > now() AND (x.din IS NULL OR x.din = NEW.din) AND x.supply_lot_id IS NOT DISTINCT FROM NEW.supply_lot_id
              INTO v_ok FROM supply_exceptions x WHERE x.id = NEW.exception_id;
          ELSE
            SELECT x.valid_until > now() AND (x.din IS NULL OR x.din = NEW.din) AND x.equipment_id IS NOT DISTINCT FROM NEW.equipment_id
              INTO v_ok FROM supply_exceptions x WHERE x.id = NEW.exception_id;
          END IF;
          IF v_ok THEN
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION '%: refused without a valid QA exception', v_problem USING ERRCODE = 'CB422';
      END $function$;

CREATE OR REPLACE FUNCTION public.unit_available_needs_determination()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF NEW.status = 'available' AND OLD.status NOT IN ('available', 'reserved') AND NOT EXISTS (
             SELECT 1 FROM eligibility_determinations d
              WHERE d.din = NEW.din AND d.voided_at IS NULL AND (d.status = 'eligible' OR NEW.banking_type = 'family')) THEN
          RAISE EXCEPTION 'unit % can not be made available: no donor eligibility determination in force that allows it (21 CFR 1271.50(a))', NEW.din
            USING ERRCODE = 'CB409';
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.unit_insert_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF NEW.status <> 'collected' THEN
          RAISE EXCEPTION 'a new unit starts as collected, not %', NEW.status USING ERRCODE = 'CBT01';
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.unit_search_rebuild()
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        v_count bigint;
      BEGIN
        LOCK TABLE unit_search IN EXCLUSIVE MODE;
        DELETE FROM unit_search;
        INSERT INTO unit_search SELECT * FROM unit_search_source;
        GET DIAGNOSTICS v_count = ROW_COUNT;
        RETURN v_count;
      END $function$;

CREATE OR REPLACE FUNCTION public.unit_search_sync_statement()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        v_dins text[];
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          -- units that left the model: were available and unreserved, are not any more
          DELETE FROM unit_search s
           USING search_old o JOIN search_new n ON n.din = o.din
           WHERE s.din = n.din AND o.status = 'available' AND NOT (n.status = 'available' AND n.reserved_for IS NULL);
          SELECT array_agg(n.din) INTO v_dins FROM search_old o JOIN search_new n ON n.din = o.din
           WHERE (o.status, o.reserved_for, o.hla, o.tnc_count, o.cd34_count, o.banking_type, o.donor_id)
                 IS DISTINCT FROM (n.status, n.reserved_for, n.hla, n.tnc_count, n.cd34_count, n.banking_type, n.donor_id);
        ELSE
          SELECT array_agg(n.din) INTO v_dins FROM search_new n;
        END IF;
        -- those of the changed units that are in the model now, with their values
        INSERT INTO unit_search
        SELECT v.* FROM unit_search_source v WHERE v.din = ANY (v_dins) ORDER BY v.din
        ON CONFLICT (din) DO UPDATE SET donor_id = EXCLUDED.donor_id, family = EXCLUDED.family, typed = EXCLUDED.typed,
          a_lo = EXCLUDED.a_lo, a_hi = EXCLUDED.a_hi, b_lo = EXCLUDED.b_lo, b_hi = EXCLUDED.b_hi,
          d_lo = EXCLUDED.d_lo, d_hi = EXCLUDED.d_hi, tnc_count = EXCLUDED.tnc_count, cd34_count = EXCLUDED.cd34_count;
        RETURN NULL;
      END $function$;

CREATE OR REPLACE FUNCTION public.unit_status_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      DECLARE
        v_allowed text;
      BEGIN
        IF NEW.status IS NOT DISTINCT FROM OLD.status THEN
          RETURN NEW;
        END IF;
        IF OLD.status = 'on_hold' THEN
          -- a hold returns to the state it came from (or the unit is discarded)
          IF NEW.status <> 'discarded' AND NEW.status IS DISTINCT FROM OLD.hold_from_status THEN
            RAISE EXCEPTION 'unit % is on hold from %: it can go to % or discarded, not %', OLD.din, OLD.hold_from_status, OLD.hold_from_status, NEW.status
              USING ERRCODE = 'CBT01', DETAIL = OLD.hold_from_status || ',discarded';
          END IF;
          NEW.hold_from_status := NULL;
          RETURN NEW;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM unit_status_transitions WHERE from_status = OLD.status AND to_status = NEW.status) THEN
          SELECT string_agg(to_status, ',' ORDER BY to_status) INTO v_allowed FROM unit_status_transitions WHERE from_status = OLD.status;
          RAISE EXCEPTION 'unit % can not go from % to %; allowed: %', OLD.din, OLD.status, NEW.status, coalesce(v_allowed, 'none (terminal)')
            USING ERRCODE = 'CBT01', DETAIL = coalesce(v_allowed, '');
        END IF;
        IF NEW.status = 'on_hold' THEN
          NEW.hold_from_status := OLD.status;
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.users_token_version()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          NEW.token_version := 1;
          RETURN NEW;
        END IF;
        NEW.token_version := OLD.token_version;
        IF NEW.roles IS DISTINCT FROM OLD.roles
           OR NEW.password_hash IS DISTINCT FROM OLD.password_hash
           OR (OLD.active AND NOT NEW.active)
           OR (NEW.locked_until IS NOT NULL AND NEW.locked_until > now() AND NEW.locked_until IS DISTINCT FROM OLD.locked_until) THEN
          NEW.token_version := OLD.token_version + 1;
        END IF;
        RETURN NEW;
      END $function$;

-- ---- triggers ----------------------------------------------------------------------------------

CREATE TRIGGER adverse_reaction_report_clears_alarm AFTER UPDATE OF fda_reported_at ON public.adverse_reactions FOR EACH ROW WHEN (((old.fda_reported_at IS NULL) AND (new.fda_reported_at IS NOT NULL))) EXECUTE FUNCTION alarms_quality_resolved();

CREATE TRIGGER adverse_reactions_audit AFTER INSERT OR UPDATE ON public.adverse_reactions FOR EACH ROW EXECUTE FUNCTION audit_quality_row('adverse_reaction', 'id');

CREATE TRIGGER adverse_reactions_guard BEFORE UPDATE ON public.adverse_reactions FOR EACH ROW EXECUTE FUNCTION adverse_reaction_guard();

CREATE TRIGGER adverse_reactions_number BEFORE INSERT ON public.adverse_reactions FOR EACH ROW EXECUTE FUNCTION quality_record_number('AR', 'reaction_number');

CREATE TRIGGER adverse_reactions_sweep_now AFTER INSERT ON public.adverse_reactions FOR EACH STATEMENT EXECUTE FUNCTION alarms_quality_sweep_now();

CREATE TRIGGER alarms_audit AFTER INSERT OR UPDATE ON public.alarms FOR EACH ROW EXECUTE FUNCTION audit_alarm_row();

CREATE TRIGGER alarms_guard BEFORE UPDATE ON public.alarms FOR EACH ROW EXECUTE FUNCTION alarms_guard();

CREATE TRIGGER alarms_notify AFTER INSERT OR UPDATE ON public.alarms FOR EACH ROW EXECUTE FUNCTION alarms_enqueue_notification();

CREATE TRIGGER audit_entries_append_only BEFORE DELETE OR UPDATE ON public.audit_entries FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON public.audit_entries FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER clinical_administrations_audit AFTER INSERT OR UPDATE ON public.clinical_administrations FOR EACH ROW EXECUTE FUNCTION audit_clinical_row();

CREATE TRIGGER clinical_administrations_correction BEFORE UPDATE ON public.clinical_administrations FOR EACH ROW EXECUTE FUNCTION clinical_correction_needs_reason();

CREATE TRIGGER clinical_administrations_dose BEFORE INSERT OR UPDATE ON public.clinical_administrations FOR EACH ROW EXECUTE FUNCTION clinical_administration_dose_check();

CREATE TRIGGER clinical_cell_types_audit AFTER INSERT OR UPDATE ON public.clinical_cell_types FOR EACH ROW EXECUTE FUNCTION audit_clinical_reference_row('code');

CREATE TRIGGER clinical_dose_bands_audit AFTER INSERT OR UPDATE ON public.clinical_dose_bands FOR EACH ROW EXECUTE FUNCTION audit_clinical_reference_row('code');

CREATE TRIGGER clinical_dose_bands_no_overlap BEFORE INSERT OR UPDATE ON public.clinical_dose_bands FOR EACH ROW EXECUTE FUNCTION clinical_dose_bands_no_overlap();

CREATE TRIGGER clinical_follow_ups_audit AFTER INSERT OR UPDATE ON public.clinical_follow_ups FOR EACH ROW EXECUTE FUNCTION audit_clinical_row();

CREATE TRIGGER clinical_follow_ups_correction BEFORE UPDATE ON public.clinical_follow_ups FOR EACH ROW EXECUTE FUNCTION clinical_correction_needs_reason();

CREATE TRIGGER clinical_measurements_audit AFTER INSERT OR UPDATE ON public.clinical_measurements FOR EACH ROW EXECUTE FUNCTION audit_clinical_row();

CREATE TRIGGER clinical_measurements_check BEFORE INSERT OR UPDATE ON public.clinical_measurements FOR EACH ROW EXECUTE FUNCTION clinical_measurement_check();

CREATE TRIGGER clinical_measurements_correction BEFORE UPDATE ON public.clinical_measurements FOR EACH ROW EXECUTE FUNCTION clinical_correction_needs_reason();

CREATE TRIGGER clinical_protocols_audit AFTER INSERT OR UPDATE ON public.clinical_protocols FOR EACH ROW EXECUTE FUNCTION audit_clinical_reference_row('id');

CREATE TRIGGER clinical_routes_audit AFTER INSERT OR UPDATE ON public.clinical_routes FOR EACH ROW EXECUTE FUNCTION audit_clinical_reference_row('code');

CREATE TRIGGER clinical_use_schedules_audit AFTER INSERT OR UPDATE ON public.clinical_use_schedules FOR EACH ROW EXECUTE FUNCTION audit_clinical_reference_row('intended_use');

CREATE TRIGGER collections_audit AFTER DELETE ON public.collections FOR EACH ROW EXECUTE FUNCTION audit_unit_row();

CREATE TRIGGER collections_audit_insert AFTER INSERT ON public.collections REFERENCING NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement();

CREATE TRIGGER collections_audit_update AFTER UPDATE ON public.collections REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement();

CREATE TRIGGER collections_donor_records AFTER INSERT ON public.collections REFERENCING NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_donor_records_statement();

CREATE TRIGGER consents_audit AFTER DELETE ON public.consents FOR EACH ROW EXECUTE FUNCTION audit_donor_row('donor_id');

CREATE TRIGGER consents_audit_insert AFTER INSERT ON public.consents REFERENCING NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_donor_statement('donor_id');

CREATE TRIGGER consents_audit_update AFTER UPDATE ON public.consents REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_donor_statement('donor_id');

CREATE TRIGGER cord_blood_units_audit AFTER DELETE ON public.cord_blood_units FOR EACH ROW EXECUTE FUNCTION audit_unit_row();

CREATE TRIGGER cord_blood_units_audit_insert AFTER INSERT ON public.cord_blood_units REFERENCING NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement();

CREATE TRIGGER cord_blood_units_audit_update AFTER UPDATE ON public.cord_blood_units REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_update_statement();

CREATE TRIGGER cord_blood_units_available_determination BEFORE UPDATE OF status ON public.cord_blood_units FOR EACH ROW EXECUTE FUNCTION unit_available_needs_determination();

CREATE TRIGGER cord_blood_units_excursions_insert AFTER INSERT ON public.cord_blood_units REFERENCING NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION storage_unit_excursions_statement();

CREATE TRIGGER cord_blood_units_excursions_update AFTER UPDATE ON public.cord_blood_units REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION storage_unit_excursions_statement();

CREATE TRIGGER cord_blood_units_insert_guard BEFORE INSERT ON public.cord_blood_units FOR EACH ROW EXECUTE FUNCTION unit_insert_guard();

CREATE TRIGGER cord_blood_units_lookback_hold BEFORE UPDATE OF status ON public.cord_blood_units FOR EACH ROW WHEN (((new.status IS DISTINCT FROM old.status) AND (new.status <> ALL (ARRAY['on_hold'::text, 'discarded'::text])))) EXECUTE FUNCTION lookback_hold_guard();

CREATE CONSTRAINT TRIGGER cord_blood_units_reservation_consistent AFTER UPDATE OF reserved_for ON public.cord_blood_units DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION release_reservation_consistent();

CREATE TRIGGER cord_blood_units_search_sync_insert AFTER INSERT ON public.cord_blood_units REFERENCING NEW TABLE AS search_new FOR EACH STATEMENT EXECUTE FUNCTION unit_search_sync_statement();

CREATE TRIGGER cord_blood_units_search_sync_update AFTER UPDATE ON public.cord_blood_units REFERENCING OLD TABLE AS search_old NEW TABLE AS search_new FOR EACH STATEMENT EXECUTE FUNCTION unit_search_sync_statement();

CREATE TRIGGER cord_blood_units_status_guard BEFORE UPDATE OF status ON public.cord_blood_units FOR EACH ROW EXECUTE FUNCTION unit_status_guard();

CREATE TRIGGER cord_blood_units_storage AFTER INSERT OR DELETE OR UPDATE OF position_id ON public.cord_blood_units FOR EACH ROW EXECUTE FUNCTION storage_unit_position_changed();

CREATE TRIGGER cord_blood_units_storage_positions_delete AFTER DELETE ON public.cord_blood_units REFERENCING OLD TABLE AS pos_old FOR EACH STATEMENT EXECUTE FUNCTION storage_unit_positions_statement();

CREATE TRIGGER cord_blood_units_storage_positions_insert AFTER INSERT ON public.cord_blood_units REFERENCING NEW TABLE AS pos_new FOR EACH STATEMENT EXECUTE FUNCTION storage_unit_positions_statement();

CREATE TRIGGER cord_blood_units_storage_positions_update AFTER UPDATE ON public.cord_blood_units REFERENCING OLD TABLE AS pos_old NEW TABLE AS pos_new FOR EACH STATEMENT EXECUTE FUNCTION storage_unit_positions_statement();

CREATE TRIGGER cord_blood_units_unreviewed_excursion_gate BEFORE UPDATE OF status ON public.cord_blood_units FOR EACH ROW EXECUTE FUNCTION storage_unreviewed_excursion_gate();

CREATE TRIGGER custody_events_audit AFTER DELETE ON public.custody_events FOR EACH ROW EXECUTE FUNCTION audit_unit_row();

CREATE TRIGGER custody_events_audit_insert AFTER INSERT ON public.custody_events REFERENCING NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement();

CREATE TRIGGER custody_events_audit_update AFTER UPDATE ON public.custody_events REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement();

CREATE TRIGGER custody_events_time_order BEFORE INSERT ON public.custody_events FOR EACH ROW EXECUTE FUNCTION custody_events_in_time_order();

CREATE TRIGGER capa_done_clears_alarm AFTER UPDATE OF done_at ON public.deviation_capa_actions FOR EACH ROW WHEN (((old.done_at IS NULL) AND (new.done_at IS NOT NULL))) EXECUTE FUNCTION alarms_quality_resolved();

CREATE TRIGGER deviation_capa_actions_sweep_now AFTER INSERT ON public.deviation_capa_actions FOR EACH STATEMENT EXECUTE FUNCTION alarms_quality_sweep_now();

CREATE TRIGGER deviation_capa_audit AFTER INSERT OR UPDATE ON public.deviation_capa_actions FOR EACH ROW EXECUTE FUNCTION audit_quality_row('deviation', 'deviation_id');

CREATE TRIGGER deviation_capa_done_once BEFORE UPDATE ON public.deviation_capa_actions FOR EACH ROW EXECUTE FUNCTION decided_once('done_at');

CREATE TRIGGER deviation_capa_effectiveness_once BEFORE UPDATE ON public.deviation_capa_actions FOR EACH ROW EXECUTE FUNCTION decided_once('effectiveness_checked_at', 'effectiveness', 'effectiveness_note');

CREATE TRIGGER deviation_capa_guard BEFORE INSERT OR UPDATE ON public.deviation_capa_actions FOR EACH ROW EXECUTE FUNCTION deviation_child_guard();

CREATE TRIGGER deviation_units_audit AFTER INSERT OR UPDATE ON public.deviation_units FOR EACH ROW EXECUTE FUNCTION audit_quality_row('deviation', 'deviation_id');

CREATE TRIGGER deviation_units_guard BEFORE INSERT OR UPDATE ON public.deviation_units FOR EACH ROW EXECUTE FUNCTION deviation_child_guard();

CREATE TRIGGER deviation_units_sweep_now AFTER INSERT ON public.deviation_units FOR EACH STATEMENT EXECUTE FUNCTION alarms_quality_sweep_now();

CREATE TRIGGER deviation_report_clears_alarm AFTER UPDATE OF fda_reported_at, fda_not_reportable_reason ON public.deviations FOR EACH ROW WHEN (((old.fda_reported_at IS NULL) AND (old.fda_not_reportable_reason IS NULL) AND ((new.fda_reported_at IS NOT NULL) OR (new.fda_not_reportable_reason IS NOT NULL)))) EXECUTE FUNCTION alarms_quality_resolved();

CREATE TRIGGER deviations_audit AFTER INSERT OR UPDATE ON public.deviations FOR EACH ROW EXECUTE FUNCTION audit_quality_row('deviation', 'id');

CREATE TRIGGER deviations_guard BEFORE INSERT OR UPDATE ON public.deviations FOR EACH ROW EXECUTE FUNCTION deviation_guard();

CREATE TRIGGER deviations_number BEFORE INSERT ON public.deviations FOR EACH ROW EXECUTE FUNCTION quality_record_number('DV', 'deviation_number');

CREATE TRIGGER documents_audit AFTER INSERT OR UPDATE ON public.documents FOR EACH ROW EXECUTE FUNCTION audit_quality_row('document', 'id');

CREATE TRIGGER documents_guard BEFORE DELETE OR UPDATE ON public.documents FOR EACH ROW EXECUTE FUNCTION document_guard();

CREATE TRIGGER donors_audit AFTER DELETE ON public.donors FOR EACH ROW EXECUTE FUNCTION audit_donor_row('id');

CREATE TRIGGER donors_audit_insert AFTER INSERT ON public.donors REFERENCING NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_donor_statement('id');

CREATE TRIGGER donors_audit_update AFTER UPDATE ON public.donors REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_donor_statement('id');

CREATE TRIGGER eligibility_determinations_audit AFTER DELETE ON public.eligibility_determinations FOR EACH ROW EXECUTE FUNCTION audit_unit_row();

CREATE TRIGGER eligibility_determinations_audit_insert AFTER INSERT ON public.eligibility_determinations REFERENCING NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement();

CREATE TRIGGER eligibility_determinations_audit_update AFTER UPDATE ON public.eligibility_determinations REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement();

CREATE TRIGGER eligibility_determinations_fixed BEFORE UPDATE ON public.eligibility_determinations FOR EACH ROW EXECUTE FUNCTION eligibility_determinations_fixed();

CREATE TRIGGER equipment_audit AFTER INSERT OR UPDATE ON public.equipment FOR EACH ROW EXECUTE FUNCTION audit_record_row('equipment');

CREATE TRIGGER equipment_service_state_guard BEFORE UPDATE OF in_service ON public.equipment FOR EACH ROW EXECUTE FUNCTION equipment_service_state_guard();

CREATE TRIGGER equipment_services_audit AFTER INSERT ON public.equipment_services FOR EACH ROW EXECUTE FUNCTION audit_record_row('equipment', 'equipment_id');

CREATE TRIGGER freezer_excursions_alarm AFTER INSERT OR UPDATE OF ended_at ON public.freezer_excursions FOR EACH ROW EXECUTE FUNCTION alarms_excursion_changed();

CREATE TRIGGER freezer_excursions_audit AFTER INSERT OR DELETE OR UPDATE ON public.freezer_excursions FOR EACH ROW EXECUTE FUNCTION audit_freezer_row('freezer_id');

CREATE TRIGGER freezer_temperature_readings_heartbeat AFTER INSERT ON public.freezer_temperature_readings FOR EACH ROW EXECUTE FUNCTION alarms_reading_arrived();

CREATE TRIGGER freezer_temperature_reviews_append_only BEFORE DELETE OR UPDATE ON public.freezer_temperature_reviews FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER freezer_temperature_reviews_audit AFTER INSERT OR DELETE OR UPDATE ON public.freezer_temperature_reviews FOR EACH ROW EXECUTE FUNCTION audit_freezer_row('freezer_id');

CREATE TRIGGER freezer_temperature_reviews_no_gap BEFORE INSERT ON public.freezer_temperature_reviews FOR EACH ROW EXECUTE FUNCTION freezer_review_no_gap();

CREATE TRIGGER freezers_audit AFTER INSERT OR DELETE OR UPDATE ON public.freezers FOR EACH ROW EXECUTE FUNCTION audit_freezer_row('id');

CREATE TRIGGER freezers_occupancy AFTER INSERT ON public.freezers FOR EACH ROW EXECUTE FUNCTION storage_freezer_created();

CREATE TRIGGER idm_tests_audit AFTER DELETE ON public.idm_tests FOR EACH ROW EXECUTE FUNCTION audit_donor_row('donor_id');

CREATE TRIGGER idm_tests_audit_insert AFTER INSERT ON public.idm_tests REFERENCING NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_donor_statement('donor_id');

CREATE TRIGGER idm_tests_audit_update AFTER UPDATE ON public.idm_tests REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_donor_statement('donor_id');

CREATE TRIGGER idm_tests_not_legacy BEFORE INSERT OR UPDATE ON public.idm_tests FOR EACH ROW EXECUTE FUNCTION idm_tests_not_legacy();

CREATE TRIGGER imports_audit AFTER INSERT OR UPDATE ON public.imports FOR EACH ROW EXECUTE FUNCTION audit_import_row();

CREATE TRIGGER integrations_audit AFTER INSERT OR UPDATE ON public.integrations FOR EACH ROW EXECUTE FUNCTION audit_access_row('integration', 'key_hash');

CREATE TRIGGER lab_events_audit AFTER UPDATE ON public.lab_events FOR EACH ROW WHEN ((old.status IS DISTINCT FROM new.status)) EXECUTE FUNCTION audit_lab_event_row();

CREATE TRIGGER lab_events_keep_raw BEFORE UPDATE ON public.lab_events FOR EACH ROW EXECUTE FUNCTION lab_events_keep_raw();

CREATE TRIGGER lab_events_no_delete BEFORE DELETE ON public.lab_events FOR EACH ROW EXECUTE FUNCTION lab_events_refuse_delete();

CREATE TRIGGER lab_events_no_truncate BEFORE TRUNCATE ON public.lab_events FOR EACH STATEMENT EXECUTE FUNCTION lab_events_refuse_delete();

CREATE TRIGGER lookback_consignees_audit AFTER INSERT ON public.lookback_consignees FOR EACH ROW EXECUTE FUNCTION audit_record_row('lookback', 'lookback_id');

CREATE TRIGGER lookback_notifications_audit AFTER INSERT ON public.lookback_notifications FOR EACH ROW EXECUTE FUNCTION audit_record_row('lookback', 'lookback_id');

CREATE TRIGGER lookback_notifications_open BEFORE INSERT ON public.lookback_notifications FOR EACH ROW EXECUTE FUNCTION lookback_part_open();

CREATE TRIGGER lookback_units_audit AFTER UPDATE ON public.lookback_units FOR EACH ROW EXECUTE FUNCTION audit_record_row('lookback', 'lookback_id');

CREATE TRIGGER lookback_units_disposition_once BEFORE UPDATE ON public.lookback_units FOR EACH ROW EXECUTE FUNCTION decided_once('disposition', 'disposition_note', 'dispositioned_by', 'dispositioned_by_name');

CREATE TRIGGER lookback_units_found_audit AFTER INSERT ON public.lookback_units REFERENCING NEW TABLE AS found FOR EACH STATEMENT EXECUTE FUNCTION audit_lookback_units_found();

CREATE TRIGGER lookback_units_open BEFORE UPDATE ON public.lookback_units FOR EACH ROW EXECUTE FUNCTION lookback_part_open();

CREATE TRIGGER lookbacks_audit AFTER INSERT OR UPDATE ON public.lookbacks FOR EACH ROW EXECUTE FUNCTION audit_record_row('lookback');

CREATE TRIGGER lookbacks_closure BEFORE UPDATE ON public.lookbacks FOR EACH ROW EXECUTE FUNCTION lookbacks_closure();

CREATE TRIGGER notification_subscriptions_audit AFTER INSERT OR DELETE ON public.notification_subscriptions FOR EACH ROW EXECUTE FUNCTION audit_notification_settings_row();

CREATE TRIGGER outcome_exports_audit AFTER INSERT ON public.outcome_exports FOR EACH ROW EXECUTE FUNCTION audit_outcome_export_row();

CREATE TRIGGER outcome_measures_audit AFTER INSERT OR UPDATE ON public.outcome_measures FOR EACH ROW EXECUTE FUNCTION audit_clinical_reference_row('code');

CREATE TRIGGER product_code_tables_append_only BEFORE DELETE OR UPDATE ON public.product_code_tables FOR EACH ROW EXECUTE FUNCTION reference_refuse_change();

CREATE CONSTRAINT TRIGGER product_code_tables_audit AFTER INSERT ON public.product_code_tables DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_product_code_table();

CREATE TRIGGER product_codes_append_only BEFORE DELETE OR UPDATE ON public.product_codes FOR EACH ROW EXECUTE FUNCTION reference_refuse_change();

CREATE TRIGGER release_requests_audit AFTER INSERT OR DELETE OR UPDATE ON public.release_requests FOR EACH ROW EXECUTE FUNCTION audit_release_request_row();

CREATE TRIGGER release_requests_directed_use BEFORE UPDATE OF status ON public.release_requests FOR EACH ROW EXECUTE FUNCTION release_requests_directed_use();

CREATE CONSTRAINT TRIGGER release_requests_reservation_consistent AFTER INSERT OR UPDATE ON public.release_requests DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION release_reservation_consistent();

CREATE TRIGGER release_requests_status_guard BEFORE INSERT OR UPDATE ON public.release_requests FOR EACH ROW EXECUTE FUNCTION release_request_status_guard();

CREATE TRIGGER screenings_audit AFTER DELETE ON public.screenings FOR EACH ROW EXECUTE FUNCTION audit_donor_row('donor_id');

CREATE TRIGGER screenings_audit_insert AFTER INSERT ON public.screenings REFERENCING NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_donor_statement('donor_id');

CREATE TRIGGER screenings_audit_update AFTER UPDATE ON public.screenings REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_donor_statement('donor_id');

CREATE TRIGGER screenings_deferral_by_correction BEFORE UPDATE ON public.screenings FOR EACH ROW EXECUTE FUNCTION screenings_deferral_by_correction();

CREATE TRIGGER security_events_append_only BEFORE DELETE OR UPDATE ON public.security_events FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER security_events_audit AFTER INSERT ON public.security_events FOR EACH ROW EXECUTE FUNCTION audit_security_event();

CREATE TRIGGER supply_exceptions_audit AFTER INSERT ON public.supply_exceptions FOR EACH ROW EXECUTE FUNCTION audit_record_row('supply_exception');

CREATE TRIGGER supply_lots_audit AFTER INSERT OR UPDATE ON public.supply_lots FOR EACH ROW EXECUTE FUNCTION audit_record_row('supply_lot');

CREATE TRIGGER supply_lots_qc_once BEFORE UPDATE ON public.supply_lots FOR EACH ROW EXECUTE FUNCTION decided_once('qc_decided_at', 'qc_status', 'qc_decided_by', 'qc_decided_by_name', 'qc_note');

CREATE TRIGGER unit_equipment_audit_insert AFTER INSERT ON public.unit_equipment REFERENCING NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement();

CREATE TRIGGER unit_equipment_guard BEFORE INSERT ON public.unit_equipment FOR EACH ROW EXECUTE FUNCTION supply_link_guard();

CREATE TRIGGER unit_excursions_audit AFTER DELETE ON public.unit_excursions FOR EACH ROW EXECUTE FUNCTION audit_unit_row();

CREATE TRIGGER unit_excursions_audit_insert AFTER INSERT ON public.unit_excursions REFERENCING NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement();

CREATE TRIGGER unit_excursions_audit_update AFTER UPDATE ON public.unit_excursions REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement();

CREATE TRIGGER unit_label_prints_audit AFTER DELETE ON public.unit_label_prints FOR EACH ROW EXECUTE FUNCTION audit_unit_row();

CREATE TRIGGER unit_label_prints_audit_insert AFTER INSERT ON public.unit_label_prints REFERENCING NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement();

CREATE TRIGGER unit_label_prints_audit_update AFTER UPDATE ON public.unit_label_prints REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement();

CREATE TRIGGER unit_label_verifications_audit AFTER DELETE ON public.unit_label_verifications FOR EACH ROW EXECUTE FUNCTION audit_unit_row();

CREATE TRIGGER unit_label_verifications_audit_insert AFTER INSERT ON public.unit_label_verifications REFERENCING NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement();

CREATE TRIGGER unit_label_verifications_audit_update AFTER UPDATE ON public.unit_label_verifications REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement();

CREATE TRIGGER unit_results_audit AFTER DELETE ON public.unit_results FOR EACH ROW EXECUTE FUNCTION audit_unit_row();

CREATE TRIGGER unit_results_audit_insert AFTER INSERT ON public.unit_results REFERENCING NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement();

CREATE TRIGGER unit_results_audit_update AFTER UPDATE ON public.unit_results REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement();

CREATE TRIGGER unit_supply_lots_audit_insert AFTER INSERT ON public.unit_supply_lots REFERENCING NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement();

CREATE TRIGGER unit_supply_lots_guard BEFORE INSERT ON public.unit_supply_lots FOR EACH ROW EXECUTE FUNCTION supply_link_guard();

CREATE TRIGGER users_audit AFTER INSERT OR UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION audit_access_row('user', 'password_hash');

CREATE TRIGGER users_token_version BEFORE INSERT OR UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION users_token_version();

CREATE TRIGGER webhooks_audit AFTER INSERT OR UPDATE ON public.webhooks FOR EACH ROW EXECUTE FUNCTION audit_notification_settings_row();

-- ---- privileges --------------------------------------------------------------------------------

GRANT INSERT, SELECT, UPDATE ON TABLE adverse_reactions TO cbb_app;

GRANT SELECT ON TABLE alarm_kinds TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE alarm_notifications TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE alarms TO cbb_app;

GRANT INSERT, SELECT ON TABLE audit_anchors TO cbb_app;

GRANT SELECT ON TABLE audit_chain_heads TO cbb_app;

GRANT SELECT ON TABLE audit_entries TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE auth_sessions TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE clinical_administrations TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE clinical_cell_types TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE clinical_dose_bands TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE clinical_follow_ups TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE clinical_measurements TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE clinical_protocols TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE clinical_routes TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE clinical_use_schedules TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE collections TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE consents TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE cord_blood_units TO cbb_app;

GRANT INSERT, SELECT ON TABLE custody_events TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE deviation_capa_actions TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE deviation_units TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE deviations TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE din_counters TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE documents TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE donors TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE eligibility_determinations TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE equipment TO cbb_app;

GRANT INSERT, SELECT ON TABLE equipment_services TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE freezer_excursions TO cbb_app;

GRANT SELECT ON TABLE freezer_heartbeats TO cbb_app;

GRANT SELECT ON TABLE freezer_occupancy TO cbb_app;

GRANT INSERT, SELECT ON TABLE freezer_temperature_readings TO cbb_app;

GRANT INSERT, SELECT ON TABLE freezer_temperature_reviews TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE freezers TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE idm_tests TO cbb_app;

GRANT INSERT, SELECT ON TABLE import_units TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE imports TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE integrations TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE lab_events TO cbb_app;

GRANT INSERT, SELECT ON TABLE lookback_consignees TO cbb_app;

GRANT INSERT, SELECT ON TABLE lookback_notifications TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE lookback_units TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE lookbacks TO cbb_app;

GRANT SELECT ON TABLE migrations TO cbb_app;

GRANT INSERT, SELECT ON TABLE notification_attempts TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE notification_deliveries TO cbb_app;

GRANT DELETE, INSERT, SELECT ON TABLE notification_subscriptions TO cbb_app;

GRANT INSERT, SELECT ON TABLE outcome_exports TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE outcome_measures TO cbb_app;

GRANT INSERT, SELECT ON TABLE product_code_tables TO cbb_app;

GRANT INSERT, SELECT ON TABLE product_codes TO cbb_app;

GRANT SELECT ON TABLE quality_record_counters TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE release_requests TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE screenings TO cbb_app;

GRANT INSERT, SELECT ON TABLE security_events TO cbb_app;

GRANT INSERT, SELECT ON TABLE storage_boxes TO cbb_app;

GRANT INSERT, SELECT ON TABLE storage_positions TO cbb_app;

GRANT INSERT, SELECT ON TABLE storage_racks TO cbb_app;

GRANT INSERT, SELECT ON TABLE supply_exceptions TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE supply_lots TO cbb_app;

GRANT INSERT, SELECT ON TABLE unit_equipment TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE unit_excursions TO cbb_app;

GRANT INSERT, SELECT ON TABLE unit_label_prints TO cbb_app;

GRANT INSERT, SELECT ON TABLE unit_label_verifications TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE unit_results TO cbb_app;

GRANT SELECT ON TABLE unit_search TO cbb_app;

GRANT SELECT ON TABLE unit_status_transitions TO cbb_app;

GRANT SELECT ON TABLE unit_storage_history TO cbb_app;

GRANT INSERT, SELECT ON TABLE unit_supply_lots TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE users TO cbb_app;

GRANT INSERT, SELECT, UPDATE ON TABLE webhooks TO cbb_app;

GRANT USAGE ON SEQUENCE donor_number_seq TO cbb_app;

GRANT USAGE ON SEQUENCE lookback_number_seq TO cbb_app;

GRANT USAGE ON SEQUENCE release_request_number_seq TO cbb_app;

REVOKE EXECUTE ON FUNCTION alarms_sweep_soon() FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION audit_append(p_chain text, p_din text, p_donor_id uuid, p_action text, p_before jsonb, p_after jsonb) FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION audit_append_set(p_chains text[], p_dins text[], p_donors uuid[], p_action text, p_before jsonb[], p_after jsonb[]) FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION audit_donor_statement() FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION audit_unit_statement() FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION audit_unit_update_statement() FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION audit_unit_update_statement_build() FROM PUBLIC;

GRANT EXECUTE ON FUNCTION storage_claim_free_position(p_freezer uuid) TO cbb_app;

REVOKE EXECUTE ON FUNCTION storage_claim_free_position(p_freezer uuid) FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION storage_unit_excursions_statement() FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION storage_unit_positions_statement() FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION unit_search_rebuild() FROM PUBLIC;

REVOKE EXECUTE ON FUNCTION unit_search_sync_statement() FROM PUBLIC;
