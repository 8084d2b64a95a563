import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures: HMAC-SHA256 with the webhook's secret over `<timestamp>.<body>` (the timestamp
 * in Unix seconds, as sent in X-CBB-Timestamp), sent as `X-CBB-Signature: v1=<hex>`. Signing the
 * timestamp with the body lets a receiver refuse a replayed delivery: an old timestamp can not be
 * re-signed without the secret.
 */
export const SIGNATURE_HEADER = 'x-cbb-signature';
export const TIMESTAMP_HEADER = 'x-cbb-timestamp';
export const DELIVERY_HEADER = 'x-cbb-delivery';
export const EVENT_HEADER = 'x-cbb-event';

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * The receiver's check (also the recipe in the README): the signature matches, compared in constant
 * time, and the timestamp is within `toleranceSeconds` of the receiver's clock.
 */
export function verifyWebhook(secret: string, headers: { timestamp?: string; signature?: string }, body: string, nowSeconds = Math.floor(Date.now() / 1000), toleranceSeconds = 300): boolean {
  const ts = Number(headers.timestamp);
  if (!headers.timestamp || !/^\d{1,12}$/.test(headers.timestamp) || !Number.isSafeInteger(ts)) return false;
  if (Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, ts, body));
  const given = Buffer.from(String(headers.signature ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
