import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * The decimal places of a number as JSON can write it, exponent form included (`1e-7` has 7,
 * `1.25e-3` has 5, `-1.5e2` none). class-validator's own `maxDecimalPlaces` splits `String(n)` at
 * the dot and crashed (a 500) on `1e-7` and `5e-324`, which have none.
 */
export function decimalPlaces(n: number): number {
  if (!Number.isFinite(n) || Number.isInteger(n)) return 0;
  const m = /^-?\d+(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(n));
  if (!m) return Infinity;
  return Math.max(0, (m[1]?.length ?? 0) - Number(m[2] ?? 0));
}

/** A finite number with at most `places` decimal places (use instead of IsNumber's maxDecimalPlaces). */
export function IsDecimal(places: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDecimal',
      constraints: [places],
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && decimalPlaces(value) <= places,
        defaultMessage: () => `$property must be a number with at most ${places} decimal place${places === 1 ? '' : 's'}`,
      },
    },
    options,
  );
}
