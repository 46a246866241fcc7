import type { AuthDeps } from '../../services/auth';
import { getFile, readableFile, uploadFile } from '../../services/files';
import { serve } from '../serve';
import type { HandlersOf } from '../handler-types';
import { claimsOf } from './auth';

/** How long a file's address opens it: a voice note left on screen still seeks a while later. */
export const FILE_TICKET_SECONDS = 600;

export function filesHandlers(deps: () => AuthDeps) {
  return {
    'files.upload': serve(uploadFile),
    'files.get': serve(getFile),
    'files.link': async (input, ctx) => {
      const current = deps();
      const { file } = await readableFile(current, ctx.actor, input.id);
      const id = file.id.toString();
      const { ticket, expiresAt } = current.tickets.issue(
        claimsOf({ ...ctx, deps: current }),
        `file:${id}`,
        FILE_TICKET_SECONDS,
      );
      return {
        url: `/api/files/${id}?ticket=${encodeURIComponent(ticket)}`,
        expiresAt,
        name: file.name,
        mimeType: file.metadata.mimeType,
        size: file.size,
        ...(file.metadata.durationSeconds !== undefined
          ? { durationSeconds: file.metadata.durationSeconds }
          : {}),
      };
    },
  } satisfies HandlersOf<'files.upload' | 'files.get' | 'files.link'>;
}
