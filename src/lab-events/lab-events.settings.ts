import { plainToInstance, Transform } from 'class-transformer';
import { ConfigError } from '../config/app-config';
import { IsInt, Max, Min, validateSync } from 'class-validator';
import { MAX_BATCH } from './dto/lab-event.dto';

function toInt({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string' || !/^\d+$/.test(value.trim())) return value;
  return Number(value.trim());
}

/**
 * Lab-event settings, from the environment (all optional). A bad value stops the start, naming
 * the variable, like the rest of the configuration.
 */
export class LabEventsSettings {
  /** Sustained events per second per integration (events of a batch count one by one). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  LAB_EVENTS_RATE_PER_SECOND = 5000;

  /** Bucket size per integration; at least one full batch. */
  @Transform(toInt)
  @IsInt()
  @Min(MAX_BATCH, { message: `LAB_EVENTS_RATE_BURST must be at least ${MAX_BATCH} (one full batch)` })
  @Max(10_000_000)
  LAB_EVENTS_RATE_BURST = 10000;

  /** Events of one batch applied at once (each in its own transaction; same subject in order). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(32)
  LAB_EVENTS_BATCH_CONCURRENCY = 4;

  static fromEnv(env: NodeJS.ProcessEnv = process.env): LabEventsSettings {
    const raw: Record<string, unknown> = {};
    for (const key of Object.keys(new LabEventsSettings())) {
      const v = env[key];
      if (v !== undefined && v !== '') raw[key] = v;
    }
    const s = plainToInstance(LabEventsSettings, raw, { exposeDefaultValues: true });
    const errors = validateSync(s);
    if (errors.length > 0) {
      throw new ConfigError(`Invalid configuration:\n${errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`).join('\n')}`);
    }
    return s;
  }
}
