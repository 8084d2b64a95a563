/**
 * The infused dose per kg of the cell type given (issue 17): computed, never typed.
 *
 * - A whole unit (`dose_source = unit_tnc`): the unit's TNC (processing result) / the patient's weight;
 *   CD34+/kg from the unit's CD34+ count when it has one (DESIGN.md section 5's cell dose).
 * - A prepared fraction (`dose_source = measured`: TNC, MNC, CD34+ or CD133+ selected): the count of
 *   that cell type measured in the fraction / the weight; CD34+/kg is the same number for a CD34+
 *   selection and unknown otherwise.
 * - The viable dose is the dose × post-thaw viability.
 * The database recomputes the same (trigger `clinical_administrations_dose`) and refuses a row whose
 * dose differs, so no path can store a typed one.
 */
export type DoseSource = 'unit_tnc' | 'measured';

export interface DoseInput {
  doseSource: DoseSource;
  /** what the cell type counts: 'TNC', 'MNC', 'CD34+', 'CD133+' */
  countedCells: string;
  unitTnc: number | null;
  unitCd34: number | null;
  measuredCellCount: number | null | undefined;
  weightKg: number;
  viabilityPct: number;
}

export interface Dose {
  dosePerKg: number;
  cd34PerKg: number | null;
  viableDosePerKg: number;
}

export class DoseError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export function computeDose(i: DoseInput): Dose {
  if (!(i.weightKg > 0)) throw new DoseError('patientWeightKg', 'must be positive');
  let dosePerKg: number;
  let cd34PerKg: number | null;
  if (i.doseSource === 'unit_tnc') {
    if (i.measuredCellCount !== null && i.measuredCellCount !== undefined) {
      throw new DoseError('measuredCellCount', 'is only for a prepared fraction: a whole unit is dosed from its recorded TNC');
    }
    if (i.unitTnc === null || !(i.unitTnc > 0)) throw new DoseError('cellType', 'the unit has no TNC count to compute the dose from');
    dosePerKg = i.unitTnc / i.weightKg;
    cd34PerKg = i.unitCd34 === null ? null : i.unitCd34 / i.weightKg;
  } else {
    if (i.measuredCellCount === null || i.measuredCellCount === undefined) {
      throw new DoseError('measuredCellCount', `is required: the ${i.countedCells} count measured in the prepared fraction`);
    }
    if (!(i.measuredCellCount > 0)) throw new DoseError('measuredCellCount', 'must be positive');
    dosePerKg = i.measuredCellCount / i.weightKg;
    cd34PerKg = i.countedCells === 'CD34+' ? dosePerKg : null;
  }
  return { dosePerKg, cd34PerKg, viableDosePerKg: (dosePerKg * i.viabilityPct) / 100 };
}
