import { getFile, uploadFile } from '../../services/files';
import type { HandlersOf } from '../handler-types';

export const filesHandlers = {
  'files.upload': (input, ctx) => uploadFile(ctx.deps, ctx.actor, input),
  'files.get': (input, ctx) => getFile(ctx.deps, ctx.actor, input),
} satisfies HandlersOf<'files.upload' | 'files.get'>;
