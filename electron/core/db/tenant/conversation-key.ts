import type { Types } from 'mongoose';

/** The key of the conversation between two people: both ids, the smaller first. */
export function conversationKeyOf(a: Types.ObjectId | string, b: Types.ObjectId | string): string {
  const [x, y] = [a.toString(), b.toString()].sort();
  return `${x}:${y}`;
}
