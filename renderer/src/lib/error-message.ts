/**
 * The one way the renderer turns a thrown value into a sentence for people. Pure: unit-tested in Node.
 */

/** The generic sentence when a thrown value carries none of its own. */
export const FALLBACK_ERROR_MESSAGE = 'Something went wrong.';

/**
 * The message of anything thrown: an Error's (ApiClientError and DOMException included), a thrown string, or
 * a plain `{ message }` object (a reply's error, a bridge's structured clone, which loses the Error class);
 * otherwise `fallback`. Never `String(err)`: "[object Object]" helps nobody.
 */
export function errorMessage(err: unknown, fallback: string = FALLBACK_ERROR_MESSAGE): string {
  if (typeof err === 'string') return err.trim() === '' ? fallback : err;
  if (typeof err === 'object' && err !== null) {
    const message = (err as { message?: unknown }).message;
    if (typeof message === 'string' && message.trim() !== '') return message;
  }
  return fallback;
}
