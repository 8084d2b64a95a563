import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from './domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not a UUID can name nothing we hold: 404, and it never reaches SQL. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  constructor(private readonly what = 'Record') {}

  transform(value: string): string {
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw new DomainError('NOT_FOUND', `${this.what} ${JSON.stringify(String(value).slice(0, 64))} was not found`);
    }
    return value.toLowerCase();
  }
}

export function isUuid(value: unknown): boolean {
  return typeof value === 'string' && UUID.test(value);
}
