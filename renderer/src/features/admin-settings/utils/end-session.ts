import { useRouteStore } from '../../../stores/route-store';
import { useSessionStore } from '../../../stores/session-store';

/**
 * The institution this session belongs to was archived, deleted or replaced by a restore: the session ends with
 * `message`, and the next sign-in starts from the home page, not the settings page it was on.
 */
export function endInstitutionSession(message: string): void {
  useRouteStore.getState().clear();
  useSessionStore.getState().end(message);
}
