import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../config/app-config';
import { signWebhook, verifyWebhook } from './webhook-signature';

describe('alarm and job configuration', () => {
  it('starts with none of it set, on defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ FREEZER_SILENCE_MINUTES: 15, ALARM_ESCALATE_MINUTES: 30, JOBS_POLL_INTERVAL_MS: 1000, JOBS_CONCURRENCY: 2, AUDIT_ANCHOR_DIR: 'anchors', AUDIT_ANCHOR_CRON: '0 2 * * *' });
    expect(c.SMTP_URL).toBeUndefined();
    expect(c.FDA_REPORT_WARN_DAYS).toBe(3);
    expect(loadConfig({ FDA_REPORT_WARN_DAYS: '0' }).FDA_REPORT_WARN_DAYS).toBe(0);
  });

  it('reads typed values (minutes may be fractions)', () => {
    expect(loadConfig({ FREEZER_SILENCE_MINUTES: '0.5', ALARM_ESCALATE_MINUTES: '60', JOBS_CONCURRENCY: '0', SMTP_URL: 'smtps://u:p@mail.bank.example:465' })).toMatchObject({
      FREEZER_SILENCE_MINUTES: 0.5,
      ALARM_ESCALATE_MINUTES: 60,
      JOBS_CONCURRENCY: 0,
      SMTP_URL: 'smtps://u:p@mail.bank.example:465',
    });
  });

  it.each([
    ['FREEZER_SILENCE_MINUTES', '0'],
    ['FREEZER_SILENCE_MINUTES', 'soon'],
    ['ALARM_ESCALATE_MINUTES', '-5'],
    ['ALARM_ESCALATE_MINUTES', '99999'],
    ['SMTP_URL', 'http://mail.example'],
    ['SMTP_FROM', 'a\nb'],
    ['JOBS_POLL_INTERVAL_MS', '10'],
    ['JOBS_CONCURRENCY', '1.5'],
    ['AUDIT_ANCHOR_CRON', 'daily'],
    ['FDA_REPORT_WARN_DAYS', '15'],
    ['FDA_REPORT_WARN_DAYS', '2.5'],
  ])('a bad %s (%s) stops the start with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});

describe('webhook signatures', () => {
  const secret = 'whsec_test_secret_that_is_long_enough_0123';
  const body = '{"event":"alarm.raised"}';
  const now = 1_800_000_000;

  it('verifies a signature over timestamp and body', () => {
    expect(verifyWebhook(secret, { timestamp: String(now), signature: signWebhook(secret, now, body) }, body, now)).toBe(true);
  });

  it('refuses another body, another secret, a replayed (old) timestamp and garbage', () => {
    const sig = signWebhook(secret, now, body);
    expect(verifyWebhook(secret, { timestamp: String(now), signature: sig }, body + ' ', now)).toBe(false);
    expect(verifyWebhook('another-secret-another-secret-0123', { timestamp: String(now), signature: sig }, body, now)).toBe(false);
    expect(verifyWebhook(secret, { timestamp: String(now), signature: sig }, body, now + 301)).toBe(false);
    expect(verifyWebhook(secret, { timestamp: String(now + 1), signature: sig }, body, now)).toBe(false);
    expect(verifyWebhook(secret, { timestamp: 'x', signature: sig }, body, now)).toBe(false);
    expect(verifyWebhook(secret, { timestamp: String(now), signature: 'v1=00' }, body, now)).toBe(false);
  });
});
