import { Types } from 'mongoose';
import type { TenantHandle } from '../db/database-manager';
import { AppError } from '../errors/app-error';
import type { Actor, ServiceDeps } from './context';

/** The actor's tenant: always the database named by the verified token. */
export function tenantOf(deps: ServiceDeps, actor: Actor): Promise<TenantHandle> {
  return deps.db.tenant(actor.databaseName);
}

/** An id from input as an ObjectId; a malformed one is simply not found (ids are checked by the contract too). */
export function objectId(id: string, what: string): Types.ObjectId {
  if (!Types.ObjectId.isValid(id) || !/^[a-f0-9]{24}$/i.test(id)) {
    throw new AppError('NOT_FOUND', `${what} was not found.`);
  }
  return new Types.ObjectId(id);
}
