import { describe, expect, it } from 'vitest';
import { parseStreamMessage, readyAsksResync } from '../../shared/contract/events';

describe('the event stream messages as received', () => {
  it('reads ready: a resync when asked for, or when the message cannot be read', () => {
    expect(readyAsksResync('{"resync":false}')).toBe(false);
    expect(readyAsksResync('{"resync":true}')).toBe(true);
    expect(readyAsksResync('not json')).toBe(true);
    expect(readyAsksResync('{"resync":"no"}')).toBe(true);
  });

  it('checks an event from its JSON text, and refuses text that is not JSON or an unknown name', () => {
    const id = '1-0';
    expect(parseStreamMessage('no.such', id, '{}')).toBeNull();
    expect(parseStreamMessage('notice.new', id, '{')).toBeNull();
    const event = parseStreamMessage('notice.new', id, JSON.stringify({ noticeId: 'a'.repeat(24) }));
    expect(event).toEqual({ id, name: 'notice.new', data: { noticeId: 'a'.repeat(24) } });
  });
});
