import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createUpdateScheduler } from '../../electron/core/db/update-serialization';

/** An update that runs until `finish` is called, noting when it started. */
function pending(log: string[], name: string) {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    work: () => {
      log.push(`start ${name}`);
      return done.then(() => {
        log.push(`end ${name}`);
        return name;
      });
    },
    finish: () => finish(),
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));
const on = (collection: string, filter: unknown, method = 'updateOne') => ({
  namespace: `db.${collection}`,
  collection,
  method,
  filter,
});

describe('the update scheduler (updates of one document never overlap)', () => {
  it('runs updates of different documents side by side, and one document’s one after another', async () => {
    const scheduler = createUpdateScheduler();
    const log: string[] = [];
    const [a1, b1, a2] = [pending(log, 'a1'), pending(log, 'b1'), pending(log, 'a2')];
    const a = new Types.ObjectId();
    const results = [
      scheduler.run(on('things', { _id: a }), a1.work),
      scheduler.run(on('things', { _id: new Types.ObjectId(), n: 1 }), b1.work),
      scheduler.run(on('things', { _id: new Types.ObjectId(a.toHexString()) }), a2.work),
    ];
    await flush();
    expect(log).toEqual(['start a1', 'start b1']);
    a1.finish();
    await flush();
    expect(log).toEqual(['start a1', 'start b1', 'end a1', 'start a2']);
    b1.finish();
    a2.finish();
    expect(await Promise.all(results)).toEqual(['a1', 'b1', 'a2']);
  });

  it('runs an update of many documents alone: after those before it, before those after it', async () => {
    const scheduler = createUpdateScheduler();
    const log: string[] = [];
    const [one, many, after, bulk] = ['one', 'many', 'after', 'bulk'].map((n) => pending(log, n));
    const results = [
      scheduler.run(on('things', { _id: 'x' }), one!.work),
      scheduler.run(on('things', { kind: 'open' }, 'updateMany'), many!.work),
      scheduler.run(on('things', { _id: 'y' }), after!.work),
      scheduler.run(on('things', [], 'bulkWrite'), bulk!.work),
    ];
    // Another collection is not held up.
    const elsewhere = scheduler.run(on('others', { kind: 'open' }, 'updateMany'), () =>
      Promise.resolve('free'),
    );
    expect(await elsewhere).toBe('free');
    await flush();
    expect(log).toEqual(['start one']);
    one!.finish();
    await flush();
    expect(log).toEqual(['start one', 'end one', 'start many']);
    many!.finish();
    await flush();
    expect(log.slice(3)).toEqual(['end many', 'start after']);
    after!.finish();
    await flush();
    expect(log.slice(5)).toEqual(['end after', 'start bulk']);
    bulk!.finish();
    expect(await Promise.all(results)).toEqual(['one', 'many', 'after', 'bulk']);
  });

  it('names a document by the collection’s declared key; by anything else the update is of many', async () => {
    const scheduler = createUpdateScheduler({ summaries: 'key' });
    const log: string[] = [];
    const [k1, k2, byId, k3] = ['k1', 'k2', 'byId', 'k3'].map((n) => pending(log, n));
    const results = [
      scheduler.run(on('summaries', { key: 'p:q' }), k1!.work),
      scheduler.run(on('summaries', { key: 'r:s', lastAt: { $lte: new Date() } }), k2!.work),
      // By _id here: it could be either document, so it waits for both and the next waits for it.
      scheduler.run(on('summaries', { _id: new Types.ObjectId() }), byId!.work),
      scheduler.run(on('summaries', { key: { $eq: 't:u' } }), k3!.work),
    ];
    await flush();
    expect(log).toEqual(['start k1', 'start k2']);
    k1!.finish();
    k2!.finish();
    await flush();
    expect(log.slice(2)).toEqual(['end k1', 'end k2', 'start byId']);
    byId!.finish();
    await flush();
    expect(log.slice(5)).toEqual(['end byId', 'start k3']);
    k3!.finish();
    await Promise.all(results);
  });

  it('goes on after a failed update', async () => {
    const scheduler = createUpdateScheduler();
    const failed = scheduler.run(on('things', { _id: 1 }), () => Promise.reject(new Error('refused')));
    const next = scheduler.run(on('things', { _id: 1 }), () => Promise.resolve('ran'));
    const whole = scheduler.run(on('things', {}, 'updateMany'), () => Promise.resolve('whole'));
    await expect(failed).rejects.toThrow('refused');
    expect([await next, await whole]).toEqual(['ran', 'whole']);
  });
});
