/** The emoji picker's set: common reactions with names for screen readers. */
export interface EmojiChoice {
  emoji: string;
  name: string;
}

export const COMMON_EMOJI: readonly EmojiChoice[] = [
  { emoji: '😀', name: 'grinning face' },
  { emoji: '😊', name: 'smiling face' },
  { emoji: '😂', name: 'face with tears of joy' },
  { emoji: '🙂', name: 'slightly smiling face' },
  { emoji: '😉', name: 'winking face' },
  { emoji: '😍', name: 'smiling face with heart eyes' },
  { emoji: '🤔', name: 'thinking face' },
  { emoji: '😮', name: 'surprised face' },
  { emoji: '😢', name: 'crying face' },
  { emoji: '😅', name: 'grinning face with sweat' },
  { emoji: '🙏', name: 'folded hands' },
  { emoji: '👍', name: 'thumbs up' },
  { emoji: '👎', name: 'thumbs down' },
  { emoji: '👏', name: 'clapping hands' },
  { emoji: '👋', name: 'waving hand' },
  { emoji: '💪', name: 'flexed biceps' },
  { emoji: '🎉', name: 'party popper' },
  { emoji: '⭐', name: 'star' },
  { emoji: '✅', name: 'check mark' },
  { emoji: '❌', name: 'cross mark' },
  { emoji: '❤️', name: 'red heart' },
  { emoji: '🔥', name: 'fire' },
  { emoji: '📚', name: 'books' },
  { emoji: '✏️', name: 'pencil' },
  { emoji: '📝', name: 'memo' },
  { emoji: '📅', name: 'calendar' },
  { emoji: '⏰', name: 'alarm clock' },
  { emoji: '🏫', name: 'school' },
  { emoji: '💡', name: 'light bulb' },
  { emoji: '❓', name: 'question mark' },
];

/** `text` with `insert` put in place of the selection [start, end); answers the text and the caret after it. */
export function insertAt(
  text: string,
  insert: string,
  start: number,
  end: number = start,
): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + insert + text.slice(to), caret: from + insert.length };
}
