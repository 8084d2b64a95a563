import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, validateSync } from 'class-validator';
import { CursorField, PageField, PageSizeField } from './pagination';

// @nestjs/swagger's metadata keys (its constants module is not exported)
const PROPERTY = 'swagger/apiModelProperties';
const PROPERTIES = 'swagger/apiModelPropertiesArray';

/** The stacks the shared query fields replaced, written out. */
class Written {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize = 200;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

class Shared {
  @PageField()
  page = 1;

  @PageSizeField(500, 200)
  pageSize = 200;

  @CursorField()
  cursor?: string;
}

/** Every message, property by property, in class-validator's order (the first is what a 422 shows: stopAtFirstError). */
function messages(cls: new () => object, query: Record<string, unknown>): [string, string[]][] {
  return validateSync(plainToInstance(cls, query)).map((e) => [e.property, Object.values(e.constraints ?? {})]);
}

describe('the shared query fields (common/pagination.ts)', () => {
  it.each([
    [{ page: '0', pageSize: '501' }],
    [{ page: 'abc', pageSize: '1.5' }],
    [{ page: '2000000', pageSize: '-3', cursor: 'x'.repeat(201) }],
    [{ pageSize: 'many', cursor: '7' }],
  ])('stacked: the same validation messages, in the same order, as the written stack (%j)', (query) => {
    const written = messages(Written, query);
    expect(written.length).toBeGreaterThan(0);
    expect(messages(Shared, query)).toEqual(written);
  });

  it('stacked: the same OpenAPI property metadata as the written stack', () => {
    for (const key of ['page', 'pageSize', 'cursor']) {
      const meta = (cls: Function) => Reflect.getMetadata(PROPERTY, cls.prototype, key) as unknown;
      expect(meta(Shared)).toEqual(meta(Written));
    }
    expect(Reflect.getMetadata(PROPERTIES, Shared.prototype)).toEqual(Reflect.getMetadata(PROPERTIES, Written.prototype));
  });

  it('converts query strings and keeps the defaults', () => {
    const q = plainToInstance(Shared, { page: '3' });
    expect(validateSync(q)).toEqual([]);
    expect([q.page, q.pageSize]).toEqual([3, 200]);
  });
});
