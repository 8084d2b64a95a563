/**
 * What a follow-up measurement must be, from its definition (table `outcome_measures`: data, not
 * code). A value outside the plausible range, of the wrong type, a category not defined, a method the
 * measure does not take or a measure not defined for the request's use is refused (422, naming the
 * field); the database checks the same again (trigger `clinical_measurements_check`).
 */
export interface MeasureDefinition {
  code: string;
  name: string;
  unit: string | null;
  valueType: 'number' | 'integer' | 'boolean' | 'category';
  minValue: number | null;
  maxValue: number | null;
  categories: string[] | null;
  methods: string[];
  applicableUses: string[];
  changeFromBaseline: boolean;
  linksAdverseReaction: boolean;
  active: boolean;
}

export interface MeasurementInput {
  measure: string;
  value: unknown;
  method?: string;
  adverseReactionId?: string;
  description?: string;
}

export interface StoredValue {
  valueNumber: number | null;
  valueText: string | null;
  valueBool: boolean | null;
}

export type Check = { ok: true; value: StoredValue } | { ok: false; field: 'measure' | 'value' | 'method' | 'adverseReactionId'; message: string };

const fmt = (n: number) => String(n);

export function checkMeasurement(def: MeasureDefinition | undefined, input: MeasurementInput, intendedUse: string): Check {
  if (!def || !def.active) return { ok: false, field: 'measure', message: `unknown measure ${JSON.stringify(input.measure)} (see GET /clinical/reference)` };
  if (!def.applicableUses.includes(intendedUse)) {
    return { ok: false, field: 'measure', message: `${def.code} is not a measure for ${intendedUse} (it applies to ${def.applicableUses.join(', ')})` };
  }
  if (input.method !== undefined && !def.methods.includes(input.method)) {
    return { ok: false, field: 'method', message: def.methods.length ? `must be one of ${def.methods.join(', ')}` : `${def.code} takes no method` };
  }
  if (input.adverseReactionId !== undefined && !def.linksAdverseReaction) {
    return { ok: false, field: 'adverseReactionId', message: `${def.code} does not link an adverse reaction` };
  }
  const v = input.value;
  switch (def.valueType) {
    case 'number':
    case 'integer': {
      const range = `${fmt(def.minValue!)}–${fmt(def.maxValue!)}${def.unit ? ` ${def.unit}` : ''}`;
      if (typeof v !== 'number' || !Number.isFinite(v)) return { ok: false, field: 'value', message: `must be a number (${range})` };
      if (def.valueType === 'integer' && !Number.isInteger(v)) return { ok: false, field: 'value', message: `must be a whole number (${range})` };
      if (v < def.minValue! || v > def.maxValue!) return { ok: false, field: 'value', message: `${fmt(v)} is outside the plausible range of ${def.name}: ${range}` };
      return { ok: true, value: { valueNumber: v, valueText: null, valueBool: null } };
    }
    case 'boolean':
      if (typeof v !== 'boolean') return { ok: false, field: 'value', message: 'must be true or false' };
      return { ok: true, value: { valueNumber: null, valueText: null, valueBool: v } };
    case 'category':
      if (typeof v !== 'string' || !def.categories!.includes(v)) return { ok: false, field: 'value', message: `must be one of ${def.categories!.join(', ')}` };
      return { ok: true, value: { valueNumber: null, valueText: v, valueBool: null } };
  }
}

/** The value as the API shows it. */
export function shownValue(v: StoredValue): number | string | boolean | null {
  return v.valueNumber ?? v.valueText ?? v.valueBool;
}
