import { Injectable } from '@nestjs/common';
import { DomainError, notFound } from '../common/domain-error';
import { decodeCursor, encodeCursor } from '../common/pagination';
import { Db } from '../database/db.service';
import { noBlockingExcursion } from '../units/release-blockers';
import type { IntendedUse, SearchHitView, SearchResultView, SearchUnitsDto } from './dto/search.dto';
import { MIN_MATCH_DEFAULT, cellDose, gradeMatch, searchKeys, type Typing } from './hla';

const FAMILY_USES: readonly IntendedUse[] = ['autologous', 'directed_family'];
const DEFAULT_LIMIT = 20;

/** A ranked unit: its ranking key (mismatches, TNC in unit_search, DIN) and what its hit shows. */
interface Candidate {
  din: string;
  tnc_count: number;
  mm: number;
  din_check: string;
  banking_type: 'public' | 'family';
  hla: Typing | null;
  hla_resolution: string | null;
  abo: string | null;
  rh: string | null;
  unit_tnc: string | null;
  cd34_count: string | null;
}

const DETAIL_COLUMNS = `u.din_check, u.banking_type, u.hla, u.hla_resolution, u.abo, u.rh, u.tnc_count AS unit_tnc, u.cd34_count`;

/** Ranking position of a hit: mismatches (fewer first), TNC (more first), DIN. */
type Cursor = [number, number, string];

/** SQL for the mismatches counted at one locus: the larger of GvH (patient alleles not in the unit) and HvG (unit alleles not in the patient). */
function locusMm(lo: string, hi: string, p1: string, p2: string): string {
  return `greatest((${p1} <> ${lo} AND ${p1} <> ${hi})::int + (${p2} <> ${lo} AND ${p2} <> ${hi})::int,
                  (${lo} <> ${p1} AND ${lo} <> ${p2})::int + (${hi} <> ${p1} AND ${hi} <> ${p2})::int)`;
}

// patient keys are $1..$6 (A lo/hi, B lo/hi, DRB1 lo/hi), sorted like the index columns
const MM_SQL = `${locusMm('s.a_lo', 's.a_hi', '$1', '$2')} + ${locusMm('s.b_lo', 's.b_hi', '$3', '$4')} + ${locusMm('s.d_lo', 's.d_hi', '$5', '$6')}`;

/** Units with two loci identical to the patient's: every unit graded 5/6 or 6/6 is one of them. */
const TWO_EXACT = `((s.a_lo = $1 AND s.a_hi = $2 AND s.b_lo = $3 AND s.b_hi = $4)
                 OR (s.b_lo = $3 AND s.b_hi = $4 AND s.d_lo = $5 AND s.d_hi = $6)
                 OR (s.d_lo = $5 AND s.d_hi = $6 AND s.a_lo = $1 AND s.a_hi = $2))`;

/**
 * Units with one locus identical and the next locus (A→B→DRB1→A) sharing an antigen/allele: every
 * unit graded 4/6 or better is one of them (migration UnitSearch explains why), and each branch is
 * answered by the rotated indexes.
 */
const ONE_EXACT_NEXT_SHARED = `((s.a_lo = $1 AND s.a_hi = $2 AND (s.b_lo IN ($3, $4) OR s.b_hi IN ($3, $4)))
                 OR (s.b_lo = $3 AND s.b_hi = $4 AND (s.d_lo IN ($5, $6) OR s.d_hi IN ($5, $6)))
                 OR (s.d_lo = $5 AND s.d_hi = $6 AND (s.a_lo IN ($1, $2) OR s.a_hi IN ($1, $2))))`;

/** FACT-NetCord: a unit exposed to a temperature excursion is not offered until QA accepted it (the release gate's rule). */
const NO_OPEN_EXCURSION = noBlockingExcursion('s.din');

/** A clinical trial is research: the donor's research consent must be active. */
const RESEARCH_CONSENT = `EXISTS (SELECT 1 FROM consents c WHERE c.donor_id = s.donor_id AND c.type = 'research' AND c.withdrawn_at IS NULL)`;

/**
 * `POST /search/units`: the units a patient could receive, ranked by HLA match grade, then by TNC
 * per kg (DESIGN.md section 5). Only units whose release is allowed now are read: `unit_search`
 * holds the available, unreserved units (consent withdrawal and reactive IDM results already put a
 * unit on hold), unreviewed excursions are excluded here, and family units appear only in
 * autologous or directed_family searches of their own family (FACT-NetCord; 21 CFR 1271.65).
 */
@Injectable()
export class SearchService {
  constructor(private readonly db: Db) {}

  async search(dto: SearchUnitsDto): Promise<SearchResultView> {
    const minMatch = dto.minMatch ?? MIN_MATCH_DEFAULT;
    const limit = dto.limit ?? DEFAULT_LIMIT;
    const cursor = dto.cursor === undefined ? undefined : parseCursor(dto.cursor);
    const family = !!dto.intendedUse && FAMILY_USES.includes(dto.intendedUse);
    if (family && !dto.donorId) {
      throw field('donorId', `is required for an ${dto.intendedUse} search: family units are searched within their own family`);
    }
    if (!family && dto.donorId) {
      throw field('donorId', 'applies only to autologous or directed_family searches (family units); other searches read the public inventory');
    }
    const page = family ? await this.familyCandidates(dto, minMatch, cursor) : await this.publicCandidates(dto, minMatch, cursor, limit + 1);
    const more = page.length > limit;
    const items = page.slice(0, limit).map((c) => this.hit(c, dto));
    const last = page[limit - 1];
    return { items, nextCursor: more && last ? encodeCursor([last.mm, last.tnc_count, last.din]) : null };
  }

  /**
   * Public units: a first query over the units with two loci identical to the patient's (all the
   * 6/6 and 5/6 ones); when that does not fill the page and 4/6 is wanted, the wider cyclic query.
   * Below 4/6 every available public unit is graded (a scan, documented as slower).
   */
  private async publicCandidates(dto: SearchUnitsDto, minMatch: number, cursor: Cursor | undefined, take: number): Promise<Candidate[]> {
    const k = searchKeys(dto.hla);
    const base: unknown[] = [k.a[0], k.a[1], k.b[0], k.b[1], k.d[0], k.d[1], 6 - minMatch, take];
    const extra: string[] = [NO_OPEN_EXCURSION];
    if (dto.intendedUse === 'clinical_trial') extra.push(RESEARCH_CONSENT);
    const run = (candidates: string | null) => this.query(candidates, extra, base, cursor);
    if (minMatch <= 3) return run(null);
    const first = await run(TWO_EXACT);
    if (minMatch >= 5) return first;
    if (first.filter((c) => c.mm <= 1).length >= take) return first;
    return run(ONE_EXACT_NEXT_SHARED);
  }

  private async query(candidates: string | null, extra: string[], params: unknown[], cursor: Cursor | undefined): Promise<Candidate[]> {
    const p = [...params];
    let after = '';
    if (cursor) {
      p.push(cursor[0], cursor[1], cursor[2]);
      const [m, t, d] = [`$${p.length - 2}`, `$${p.length - 1}`, `$${p.length}`];
      after = `AND (c.mm > ${m}::int OR (c.mm = ${m}::int AND (c.tnc_count < ${t}::float8 OR (c.tnc_count = ${t}::float8 AND c.din > ${d}::text))))`;
    }
    const where = ['NOT s.family', ...(candidates ? [candidates] : []), ...extra].join(' AND ');
    const rows = await this.db.query<Candidate>(
      `SELECT c.din, c.tnc_count, c.mm, ${DETAIL_COLUMNS}
         FROM (SELECT c.din, c.tnc_count, c.mm FROM (
                 SELECT s.din, s.tnc_count, (${MM_SQL}) AS mm FROM unit_search s WHERE ${where}
               ) c
               WHERE c.mm <= $7 ${after}
               ORDER BY c.mm, c.tnc_count DESC, c.din
               LIMIT $8) c
         JOIN cord_blood_units u ON u.din = c.din
        ORDER BY c.mm, c.tnc_count DESC, c.din`,
      p,
    );
    return rows.map((r) => ({ ...r, tnc_count: Number(r.tnc_count), mm: Number(r.mm) }));
  }

  /**
   * Family units of one donor, for autologous or directed_family use only. Graded like public units
   * where typed; an autologous search is not filtered by grade (the unit is the patient's own), and
   * untyped family units come last with no grade.
   */
  private async familyCandidates(dto: SearchUnitsDto, minMatch: number, cursor: Cursor | undefined): Promise<Candidate[]> {
    const donor = await this.db.one(`SELECT 1 FROM donors WHERE id = $1`, [dto.donorId]);
    if (!donor) throw notFound('Donor', dto.donorId!);
    const rows = await this.db.query<Candidate & { typed: boolean }>(
      `SELECT s.din, s.tnc_count, s.typed, ${DETAIL_COLUMNS} FROM unit_search s JOIN cord_blood_units u ON u.din = s.din
        WHERE s.family AND s.donor_id = $1 AND ${NO_OPEN_EXCURSION}`,
      [dto.donorId],
    );
    const graded = rows
      .map((r) => ({ ...r, tnc_count: Number(r.tnc_count), mm: 6 - (gradeMatch(dto.hla, r.typed ? r.hla : null)?.matches ?? -1) }))
      .filter((c) => dto.intendedUse === 'autologous' || c.mm === 7 || c.mm <= 6 - minMatch)
      .sort(compareCandidates);
    return cursor ? graded.filter((c) => compareCandidates(c, { din: cursor[2], tnc_count: cursor[1], mm: cursor[0] }) > 0) : graded;
  }

  /** A hit: the grade details (the pure rule, which the SQL ranking mirrors) and the cell dose for this patient. */
  private hit(c: Candidate, dto: SearchUnitsDto): SearchHitView {
    const match = gradeMatch(dto.hla, c.hla);
    const tnc = Number(c.unit_tnc ?? 0);
    const cd34 = c.cd34_count === null ? null : Number(c.cd34_count);
    const dose = cellDose(tnc, cd34, dto.weightKg);
    return {
      din: c.din,
      dinCheck: c.din_check,
      bankingType: c.banking_type,
      matchGrade: match?.grade ?? null,
      matches: match?.matches ?? null,
      mismatches: match?.mismatches ?? [],
      otherMismatches: match?.otherMismatches ?? [],
      tncCount: tnc,
      cd34Count: cd34,
      tncPerKg: dose.tncPerKg,
      cd34PerKg: dose.cd34PerKg,
      doseWarning: dose.doseWarning,
      abo: c.abo,
      rh: c.rh,
      hlaResolution: c.hla_resolution,
    };
  }
}

function compareCandidates(a: Pick<Candidate, 'mm' | 'tnc_count' | 'din'>, b: Pick<Candidate, 'mm' | 'tnc_count' | 'din'>): number {
  return a.mm - b.mm || b.tnc_count - a.tnc_count || (a.din < b.din ? -1 : a.din > b.din ? 1 : 0);
}

function parseCursor(raw: string): Cursor {
  const c = decodeCursor(raw);
  if (!c || c.length !== 3 || !Number.isInteger(c[0]) || typeof c[1] !== 'number' || !Number.isFinite(c[1]) || typeof c[2] !== 'string' || c[2].length > 20) {
    throw field('cursor', 'is not a cursor this search issued');
  }
  return c as Cursor;
}

function field(name: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `${name}: ${message}`, { errors: [{ field: name, message }] });
}
