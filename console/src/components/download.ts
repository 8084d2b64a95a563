import { call } from '../api/client';

type Answer = { data?: unknown; error?: unknown; response: Response };

/**
 * Saves what an authenticated GET answered (a report, a document) as a file: the request goes through
 * the typed client (with the session's token), so a refusal is a Problem like any other, never a
 * silent empty file. The name is the server's Content-Disposition filename when it gives one.
 */
export async function saveAs(pending: Promise<Answer>, fallbackName: string): Promise<{ name: string; bytes: number; sha256: string | null }> {
  const answer = await pending;
  const blob = await call<Blob>(Promise.resolve(answer));
  const disposition = answer.response.headers.get('content-disposition') ?? '';
  const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  const name = named ? decodeURIComponent(named) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { name, bytes: blob.size, sha256: answer.response.headers.get('x-content-sha256') };
}
