import { describe, expect, it } from '@jest/globals';
import { IsInt, IsOptional, IsString, MaxLength, MetadataStorage, getMetadataStorage, validateSync } from 'class-validator';
import { cacheTargetMetadata } from './validation-metadata';

class Base {
  @IsString()
  a!: string;
}

class Child extends Base {
  @IsInt()
  b!: number;

  @IsString({ groups: ['strict'] })
  c!: string;
}

class Unrelated {
  @IsInt()
  z!: number;
}

const OPTION_SETS: [string, boolean, boolean, string[] | undefined][] = [
  ['', false, false, undefined],
  ['', true, false, undefined],
  ['', false, true, undefined],
  ['', false, false, ['strict']],
  ['', false, true, []],
];

/** what class-validator itself answers, without the cache */
const library = (target: Function, o: (typeof OPTION_SETS)[number]) => MetadataStorage.prototype.getTargetValidationMetadatas.call(getMetadataStorage(), target, ...o);

describe('cacheTargetMetadata (class-validator rule lookup)', () => {
  const storage = getMetadataStorage();
  cacheTargetMetadata(storage);

  it('answers what class-validator answers, for every class and option set', () => {
    for (const target of [Base, Child, Unrelated])
      for (const o of OPTION_SETS) {
        const answer = storage.getTargetValidationMetadatas(target, ...o);
        expect(answer).toEqual(library(target, o));
      }
    // inherited and grouped rules are there: Child has a (from Base) and b, and c only with its group
    const names = (o: (typeof OPTION_SETS)[number]) => storage.getTargetValidationMetadatas(Child, ...o).map((m) => m.propertyName).sort();
    expect(names(OPTION_SETS[0])).toEqual(['a', 'b', 'c']);
    expect(names(OPTION_SETS[2])).toEqual(['a', 'b']);
    expect(names(OPTION_SETS[3])).toEqual(['c']);
  });

  it('answers a second lookup from the cache (the same array, no scan of every class)', () => {
    const first = storage.getTargetValidationMetadatas(Child, '', false, false, undefined);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false, undefined)).toBe(first);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false, ['strict'])).not.toBe(first);
  });

  it('sees a rule added after an answer was cached, and a class defined later', () => {
    const before = storage.getTargetValidationMetadatas(Child, '', false, false, undefined);
    expect(before.some((m) => m.propertyName === 'a' && m.name === 'maxLength')).toBe(false);
    MaxLength(3)(Child.prototype, 'a');
    const after = storage.getTargetValidationMetadatas(Child, '', false, false, undefined);
    expect(after.some((m) => m.propertyName === 'a' && m.name === 'maxLength')).toBe(true);
    expect(after).toEqual(library(Child, OPTION_SETS[0]));

    class Later extends Child {
      @IsOptional()
      d?: string;
    }
    expect(storage.getTargetValidationMetadatas(Later, '', false, false, undefined).map((m) => m.propertyName)).toEqual(expect.arrayContaining(['a', 'b', 'c', 'd']));
    expect(storage.getTargetValidationMetadatas(Child, '', false, false, undefined)).toEqual(library(Child, OPTION_SETS[0]));
  });

  it('is installed once, and validation through it still refuses what it should', () => {
    const wrapped = storage.getTargetValidationMetadatas;
    cacheTargetMetadata(storage);
    expect(storage.getTargetValidationMetadatas).toBe(wrapped);
    const bad = Object.assign(new Child(), { a: 7, b: 'x', c: 'y' });
    expect(validateSync(bad).map((e) => e.property).sort()).toEqual(['a', 'b']);
    const good = Object.assign(new Child(), { a: 'x', b: 1, c: 'y' });
    expect(validateSync(good)).toEqual([]);
  });
});
