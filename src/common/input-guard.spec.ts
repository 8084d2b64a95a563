import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { IsISO8601, IsOptional, IsString, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { HLA_ALLELE } from './hla-allele';
import { BODY_RULES, QUERY_RULES, guardInput, mergeProblems } from './input-guard';
import { decimalPlaces } from './validators';

class Inner {
  @IsISO8601() takenAt: string;
}
class Outer {
  @IsString() note: string;
  @IsOptional() @IsISO8601() dateOfBirth?: string;
  @IsOptional() @IsISO8601() neededBy?: string;
  @ValidateNested() @Type(() => Inner) inner: Inner;
}

const NOW = Date.parse('2026-06-01T12:00:00Z');
const body = (v: unknown, dto?: Function) => guardInput(v, { ...BODY_RULES, now: NOW }, '', dto);

describe('DESIGN 3: the shared input guard', () => {
  it('names NUL and lone surrogates wherever they are, in values and keys, and leaves them out of the clean copy', () => {
    const { problems, clean } = body({ a: 'x\u0000', b: ['ok', '\ud800'], c: { d: '\udc00x' }, ['k\u0000']: 1, e: 'fine 😀' });
    expect(problems.map((p) => p.field)).toEqual(['a', 'b.1', 'c.d', 'k\\u0000']);
    expect(clean).toEqual({ b: ['ok', undefined], c: {}, e: 'fine 😀' });
  });

  it('refuses prototype-named keys and blank text in bodies, but not blank query values', () => {
    const names = body({ toString: 1, hasOwnProperty: 1, prototype: 1, constructor: 1, valueOf: 1, ok: 1 }).problems.map((p) => p.field);
    expect(names).toEqual(['toString', 'hasOwnProperty', 'prototype', 'constructor', 'valueOf']);
    expect(body({ a: '', b: ' \t', c: '\u00a0\u2003', d: 'x' }).problems.map((p) => p.field)).toEqual(['a', 'b', 'c']);
    expect(guardInput({ search: '' }, QUERY_RULES).problems).toEqual([]);
  });

  it('applies date rules to declared ISO 8601 fields only, nested ones included', () => {
    const r = body({ note: '2026-W05-1', dateOfBirth: '2030-01-01', neededBy: '2030-01-01T00:00:00Z', inner: { takenAt: '2026-06-01T12:10:00Z' } }, Outer);
    expect(r.problems).toEqual([
      { field: 'dateOfBirth', message: 'can not be in the future' },
      { field: 'inner.takenAt', message: 'can not be in the future' },
    ]);
    expect(body({ note: 'x', inner: { takenAt: '2026-06-01T12:04:00Z' } }, Outer).problems).toEqual([]);
    expect(body({ note: 'x', neededBy: '2300-01-01T00:00:00Z', inner: { takenAt: '1899-12-31T00:00:00Z' } }, Outer).problems.map((p) => p.field)).toEqual(['neededBy', 'inner.takenAt']);
    expect(guardInput({ neededBy: '2026-W05-1' }, QUERY_RULES, '', Outer).problems.map((p) => p.field)).toEqual(['neededBy']);
  });

  it('drops the validator errors that repeat a field the guard already named', () => {
    expect(mergeProblems([{ field: 'a.0', message: 'g' }], [{ field: 'a', message: 'v' }, { field: 'b', message: 'v' }])).toEqual([
      { field: 'a.0', message: 'g' },
      { field: 'b', message: 'v' },
    ]);
  });
});

describe('decimal places of a number as JSON writes it', () => {
  it.each([
    [1, 0], [-150, 0], [0.5, 1], [-185.25, 2], [1e-7, 7], [5e-324, 324], [1.25e-3, 5], [-1.5e2, 0], [1e21, 0], [0.1 + 0.2, 17],
  ])('%p has %p', (n, places) => expect(decimalPlaces(n)).toBe(places));
});

describe('HLA allele names (DESIGN.md 3: two alleles each, 02:01 style)', () => {
  it.each(['02:01', '02:01:01', '02:01:01:02', '15:01N', '101:01', '02:101'])('accepts %p', (a) => expect(HLA_ALLELE.test(a)).toBe(true));
  it.each(['00:00', '00:01', '000:01', '02', '2:01', '02:1', 'A*02:01', '', '02:01:01:01:01', '02-01', '02:01 '])('refuses %p', (a) => expect(HLA_ALLELE.test(a)).toBe(false));
});
