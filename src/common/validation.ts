import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { DomainError, FieldError, validationFailed } from './domain-error';
import { BODY_RULES, QUERY_RULES, guardInput, isJsonObject, mergeProblems } from './input-guard';
import { cacheTargetMetadata } from './validation-metadata';

/** Flattens class-validator's nested errors into `{field: 'patient.hla.A', message}` pairs. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) {
      out.push({ field, message: message.replace(/^property (\S+) should not exist$/, 'is not an accepted field') });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

const NOT_A_DTO = new Set<unknown>([String, Boolean, Number, Array, Object, undefined]);

/**
 * The one validation pipe: unknown fields are refused (the contract says extra fields are 422),
 * types are transformed from query strings, and every failing field is listed. Before the DTO's
 * decorators run, the shared input rules (src/common/input-guard.ts: NUL, lone surrogates,
 * prototype-named keys, blank text, date bounds) are applied to every body, query and path value,
 * and a DTO body must be a JSON object (`null`, `[]` or `"x"` is 422, never an empty DTO).
 */
export class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    const isDto = !NOT_A_DTO.has(metadata.metatype);
    // a body taken raw (`unknown`: the lab events) is checked by its own parser, event by event
    if (metadata.type === 'body' && !isDto) return super.transform(value, metadata);
    if (metadata.type === 'body' && value !== undefined && !isJsonObject(value)) {
      throw validationFailed([{ field: '(body)', message: 'must be a JSON object' }]);
    }
    const rules = metadata.type === 'body' ? { ...BODY_RULES, now: Date.now() } : QUERY_RULES;
    const { problems, clean } = guardInput(value, rules, metadata.type === 'body' ? '' : (metadata.data ?? ''), isDto ? metadata.metatype : undefined);
    if (problems.length === 0) return super.transform(value, metadata);
    let others: FieldError[] = [];
    if (isDto) {
      try {
        await super.transform(clean, metadata);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        others = err.extra.errors ?? [];
      }
    }
    throw validationFailed(mergeProblems(problems, others));
  }
}

/** The app's validation pipe; also caches class-validator's rule lookup for every validation in the process (validation-metadata.ts). */
export function createValidationPipe(): ValidationPipe {
  cacheTargetMetadata(getMetadataStorage());
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) => {
      const flat = flattenValidationErrors(errors);
      return validationFailed(flat.length ? flat : [{ field: '(body)', message: 'must be a JSON object' }]);
    },
  });
}
