/** Keeping a thread's messages in order as pages and polls arrive. Pure. */
import type { MessageDto } from '../../../../../shared/contract/messages';

/** Oldest first; the same time falls back to the id (ObjectIds grow with time). */
export function compareMessages(a: MessageDto, b: MessageDto): number {
  const byTime = a.timestamp.getTime() - b.timestamp.getTime();
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * `current` with `incoming` merged in: a message already there is replaced by its newer copy (its read
 * receipt may have changed), new ones are added, and the result is oldest first. Answers `current` itself
 * when nothing changed, so React skips the render.
 */
export function mergeMessages(current: readonly MessageDto[], incoming: readonly MessageDto[]): MessageDto[] {
  if (incoming.length === 0) return current as MessageDto[];
  const byId = new Map(current.map((m) => [m.id, m]));
  let changed = false;
  for (const m of incoming) {
    const old = byId.get(m.id);
    if (!old || !sameMessage(old, m)) {
      byId.set(m.id, m);
      changed = true;
    }
  }
  if (!changed) return current as MessageDto[];
  return [...byId.values()].sort(compareMessages);
}

function sameMessage(a: MessageDto, b: MessageDto): boolean {
  return (
    a.isRead === b.isRead &&
    a.timestamp.getTime() === b.timestamp.getTime() &&
    a.message === b.message &&
    a.audioFileId === b.audioFileId &&
    a.deleted === b.deleted &&
    a.replyPreview?.id === b.replyPreview?.id
  );
}

/** Messages from the partner to me that I have not read yet (markRead is due). */
export function hasUnreadFrom(messages: readonly MessageDto[], partnerId: string): boolean {
  return messages.some((m) => m.senderId === partnerId && !m.isRead);
}

/** My own messages, read by the partner once markRead ran on their side: `isRead` flips to true. */
export function receiptOf(message: MessageDto): 'sent' | 'read' {
  return message.isRead ? 'read' : 'sent';
}
