import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../electron/core/services/context';
import { createChatCircles, keptCircle, type Partner } from '../../electron/core/services/chat-circles';

const actor = (userId: string, databaseName = 'smart_crm_x_1'): Actor => ({
  userId,
  username: 'T',
  role: 'teacher',
  databaseName,
  ip: '127.0.0.1',
  userAgent: 'vitest',
});
const tara = actor('65f0c0ffee0000000000aaaa');
const tess = actor('65f0c0ffee0000000000bbbb');
const asha: Partner = { id: new Types.ObjectId(), name: 'Asha', role: 'student' };

/** A reader that counts its reads and answers `people`. */
function reader(people: readonly Partner[] = [asha]) {
  const r = {
    reads: 0,
    read: () => {
      r.reads += 1;
      return Promise.resolve(people);
    },
  };
  return r;
}

describe('kept chat circles', () => {
  it('read once per person while the generation stands, and looked up by id', async () => {
    const circles = createChatCircles({ generationOf: () => 7 });
    const r = reader();
    const first = await keptCircle(circles, tara, r.read);
    expect(await keptCircle(circles, tara, r.read)).toBe(first);
    expect(r.reads).toBe(1);
    expect(first.byId.get(asha.id.toString())).toEqual(asha);
    await keptCircle(circles, tess, r.read);
    await keptCircle(circles, actor(tara.userId, 'smart_crm_y_2'), r.read);
    expect(r.reads).toBe(3); // another person, another database: their own circles
  });

  it('read again once the generation moved, and nothing kept that a write overtook', async () => {
    let generation = 0;
    const circles = createChatCircles({ generationOf: () => generation });
    const r = reader();
    await keptCircle(circles, tara, r.read);
    generation += 1;
    await keptCircle(circles, tara, r.read);
    expect(r.reads).toBe(2);
    // A write during the read: what it found is answered but not kept.
    const overtaken = () => {
      generation += 1;
      return r.read();
    };
    await keptCircle(circles, tess, overtaken);
    await keptCircle(circles, tess, r.read);
    expect(r.reads).toBe(4);
    await keptCircle(circles, tess, r.read);
    expect(r.reads).toBe(4);
  });

  it('read again after the longest age, and keeps the most recently used within its bound', async () => {
    let now = 0;
    const circles = createChatCircles({
      maxCircles: 2,
      maxAgeMs: 1000,
      now: () => now,
      generationOf: () => 0,
    });
    const third = actor('65f0c0ffee0000000000cccc');
    const r = reader();
    await keptCircle(circles, tara, r.read);
    await keptCircle(circles, tess, r.read);
    await keptCircle(circles, tara, r.read); // tara is now the most recent
    await keptCircle(circles, third, r.read); // tess goes
    expect(r.reads).toBe(3);
    await keptCircle(circles, tara, r.read);
    expect(r.reads).toBe(3);
    await keptCircle(circles, tess, r.read);
    expect(r.reads).toBe(4);
    now = 1001;
    await keptCircle(circles, tara, r.read);
    expect(r.reads).toBe(5);
  });
});
