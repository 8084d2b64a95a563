import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('starts with nothing set, on defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.ISBT_FACILITY_ID).toBe('W0000');
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.MIGRATIONS_RUN).toBe(true);
  });

  it('reads typed values', () => {
    const c = loadConfig({ PORT: '8080', MIGRATIONS_RUN: 'false', DATABASE_POOL_SIZE: '20', ISBT_FACILITY_ID: 'W1234' });
    expect(c.PORT).toBe(8080);
    expect(c.MIGRATIONS_RUN).toBe(false);
    expect(c.DATABASE_POOL_SIZE).toBe(20);
    expect(loadConfig({ LAB_EVENTS_RATE_BURST: '500', LAB_EVENTS_BATCH_CONCURRENCY: '8' })).toMatchObject({ LAB_EVENTS_RATE_BURST: 500, LAB_EVENTS_BATCH_CONCURRENCY: 8 });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['ISBT_FACILITY_ID', 'W12'],
    ['ISBT_FACILITY_ID', 'O1234'],
    ['ISBT_FACILITY_ID', '01234'],
    ['JWT_SECRET', 'short'],
    ['LOG_LEVEL', 'loud'],
    ['MIGRATIONS_RUN', 'maybe'],
    ['DATABASE_STATEMENT_TIMEOUT_MS', '-1'],
    ['LAB_EVENTS_RATE_PER_SECOND', '0'],
    ['LAB_EVENTS_RATE_BURST', '499'],
    ['LAB_EVENTS_BATCH_CONCURRENCY', 'many'],
  ])('a bad %s stops the start with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it('ISBT 128: a facility identification number may start with a digit 1–9 (never O or 0)', () => {
    expect(loadConfig({ ISBT_FACILITY_ID: '91234' }).ISBT_FACILITY_ID).toBe('91234');
  });

  it('ADMIN_EMAIL and ADMIN_PASSWORD go together', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.c' })).toThrow(/ADMIN_EMAIL and ADMIN_PASSWORD/);
  });
});
