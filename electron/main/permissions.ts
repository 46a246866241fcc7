/**
 * Which web permissions the desktop window gets: the microphone (voice notes), only for the app's own page,
 * and nothing else — not the camera, not for an empty or unknown media list, not for any other origin.
 * Pure functions so they are tested without Electron; index.ts installs them on the session.
 */

/** A permission request (the page asks; Electron passes the media types wanted). */
export function allowPermissionRequest(
  permission: string,
  mediaTypes: readonly string[] | undefined,
  requestingUrlIsApp: boolean,
): boolean {
  return (
    permission === 'media' &&
    requestingUrlIsApp &&
    mediaTypes !== undefined &&
    mediaTypes.length > 0 &&
    mediaTypes.every((type) => type === 'audio')
  );
}

/** A permission check (Chromium asks whether a permission is already granted; one media type at a time). */
export function allowPermissionCheck(
  permission: string,
  mediaType: string | undefined,
  requestingOriginIsApp: boolean,
): boolean {
  return permission === 'media' && mediaType === 'audio' && requestingOriginIsApp;
}
