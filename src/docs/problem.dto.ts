import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One failing field of a 422: `field` is the path into the body (`patient.hla.A`). */
export class ProblemFieldErrorDto {
  @ApiProperty({ example: 'signedAt' }) field: string;
  @ApiProperty({ example: 'signedAt must be a valid ISO 8601 date string' }) message: string;
}

/**
 * Every error answer (RFC 9457 application/problem+json), written by the one global filter
 * (src/common/problem.filter.ts). The manual references this one schema from every error response.
 */
export class ProblemDto {
  @ApiProperty({ example: '/problems/validation-failed', description: 'a relative URI naming the kind of problem (the code, kebab-case)' }) type: string;
  @ApiProperty({ example: 'Unprocessable Entity', description: 'the HTTP status text' }) title: string;
  @ApiProperty({ example: 422 }) status: number;
  @ApiProperty({ example: 'signedAt: signedAt must be a valid ISO 8601 date string', description: 'what went wrong, for a person' }) detail: string;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'the stable error code (README, "API overview")' }) code: string;
  @ApiPropertyOptional({ type: [ProblemFieldErrorDto], description: 'per field, for 422 validation failures' }) errors?: ProblemFieldErrorDto[];
  @ApiPropertyOptional({ example: '5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60', description: 'the request id (also the X-Request-Id header), for the logs' }) requestId?: string;
}
