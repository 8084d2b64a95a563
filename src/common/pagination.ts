import { ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/**
 * Property decorators applied as if they were written stacked above the property in this order
 * (TypeScript applies a stack from the bottom up), so the validation messages and the OpenAPI
 * schema are those of the written stack.
 */
export function stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorate of [...decorators].reverse()) decorate(target, key);
  };
}

/** An optional whole-number query parameter from `min` to `max` (the query string is converted first), documented by `doc`. */
export function QueryIntField(min: number, max: number, doc: ApiPropertyOptions): PropertyDecorator {
  return stacked(ApiPropertyOptional(doc), IsOptional(), Type(() => Number), IsInt(), Min(min), Max(max));
}

/** `page` of a page-numbered list: from 1 (the default). */
export const PageField = (): PropertyDecorator => QueryIntField(1, 1_000_000, { minimum: 1, default: 1 });

/** `pageSize` of a page-numbered list (and `limit` of a cursor-paged one): 1 to `max`, `byDefault` when absent. */
export const PageSizeField = (max: number, byDefault: number, doc: ApiPropertyOptions = {}): PropertyDecorator =>
  QueryIntField(1, max, { minimum: 1, maximum: max, default: byDefault, ...doc });

/** `cursor` of a cursor-paged list: the previous page's `nextCursor`, opaque (`decodeCursor`). */
export const CursorField = (maxLength = 200, doc: ApiPropertyOptions = {}): PropertyDecorator =>
  stacked(ApiPropertyOptional({ description: 'nextCursor of the previous page', ...doc }), IsOptional(), IsString(), MaxLength(maxLength));

/** `from`/`to` of a time window: an ISO 8601 instant, `from` inclusive and `to` exclusive. */
export const WindowFromField = (): PropertyDecorator => stacked(ApiPropertyOptional({ description: 'ISO 8601, inclusive' }), IsOptional(), IsISO8601({ strict: true }));
export const WindowToField = (): PropertyDecorator => stacked(ApiPropertyOptional({ description: 'ISO 8601, exclusive' }), IsOptional(), IsISO8601({ strict: true }));

/** A boolean query parameter: the strings `true` and `false` become booleans; anything else is left to be refused by `@IsBoolean()`. */
export const queryBool = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class PageQuery {
  @PageField()
  page = 1;

  @PageSizeField(200, 50)
  pageSize = 50;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** Opaque cursors: base64url of a JSON tuple; a cursor that does not decode is a 422, never SQL. */
export function encodeCursor(parts: unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string): unknown[] | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
