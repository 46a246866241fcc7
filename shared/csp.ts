/**
 * The renderer's Content-Security-Policy. Sent as a response header by the main process and the station, and repeated in
 * renderer/index.html's <meta> (file:// pages get no headers; the station serves the same page over HTTP).
 * `style-src 'unsafe-inline'`: Mantine sets inline styles. `media-src blob:`: recorded voice notes.
 * `frame-ancestors` only works as a header (browsers ignore it in a <meta>), so the meta tag leaves it out.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'media-src': "'self' blob:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

export function cspString(directives: Readonly<Record<string, string>> = CSP_DIRECTIVES): string {
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

/** The policy as the <meta> tag carries it (without the header-only directives). */
export function cspMetaString(): string {
  const { 'frame-ancestors': _headerOnly, ...rest } = CSP_DIRECTIVES;
  return cspString(rest);
}

/** The development server needs its HMR websocket and React Refresh's inline preamble. */
export function cspDevString(devServerUrl: string): string {
  const origin = new URL(devServerUrl).origin;
  const ws = origin.replace(/^http/, 'ws');
  return cspString({
    ...CSP_DIRECTIVES,
    'script-src': "'self' 'unsafe-inline'",
    'connect-src': `'self' ${origin} ${ws}`,
  });
}
