import createClient from 'openapi-fetch';
import { Problem } from './problem';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

/** The one typed client (generated from /docs-json): pages talk to the API only through it. */
export const api = createClient<paths>({ baseUrl: '' });

let token: string | null = null;
let onUnauthenticated: () => void = () => undefined;

export function setToken(value: string | null): void {
  token = value;
}
export function onSessionEnded(fn: () => void): void {
  onUnauthenticated = fn;
}

api.use({
  onRequest({ request }) {
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ response }) {
    // a token the database no longer honours (deactivated, role changed, reset): back to login.
    // Not a refused e-signature or a wrong current password (401 with their own codes).
    if (response.status === 401 && token) {
      const body = (await response.clone().json().catch(() => ({}))) as { code?: string };
      if (body.code === 'UNAUTHENTICATED') onUnauthenticated();
    }
    return response;
  },
});

type Answer = { data?: unknown; error?: unknown; response: Response };

/**
 * Awaits a client call: its data, or a thrown Problem. Some answers are not yet described by a
 * schema in the document; their shape is in ./views.ts and named by the caller (`call<UnitView>(…)`).
 */
export async function call<T = unknown>(pending: Promise<Answer>): Promise<T> {
  let answer: Answer;
  try {
    answer = await pending;
  } catch (err) {
    throw Problem.from(err);
  }
  if (answer.error !== undefined || !answer.response.ok) throw Problem.from(answer.error, answer.response);
  return answer.data as T;
}
