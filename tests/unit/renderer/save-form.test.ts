import { describe, expect, it } from 'vitest';
import { saveForm } from '../../../renderer/src/lib/update-input';

interface Saved {
  id: string;
  name: string;
}

/** A form's save with recorded calls: which mutation ran with what, and what the form was told. */
function harness(answer: Saved | undefined) {
  const calls: string[] = [];
  return {
    calls,
    send: (input: { id: string; name?: string }) => {
      calls.push(`update ${JSON.stringify(input)}`);
      return Promise.resolve(answer);
    },
    create: () => {
      calls.push('create');
      return Promise.resolve(answer);
    },
    onUnchanged: () => calls.push('unchanged'),
    onSaved: (saved: Saved) => calls.push(`saved ${saved.name}`),
  };
}

describe('saveForm', () => {
  it('closes an edit that changes nothing without a call', async () => {
    const h = harness({ id: 'a', name: 'Lab 1' });
    await saveForm({ ...h, update: { input: { id: 'a' }, send: h.send } });
    expect(h.calls).toEqual(['unchanged']);
  });

  it('sends only the changes of an edit, then hands on the answer', async () => {
    const h = harness({ id: 'a', name: 'Lab 2' });
    await saveForm({ ...h, update: { input: { id: 'a', name: 'Lab 2' }, send: h.send } });
    expect(h.calls).toEqual(['update {"id":"a","name":"Lab 2"}', 'saved Lab 2']);
  });

  it('creates a new item', async () => {
    const h = harness({ id: 'b', name: 'Gym' });
    await saveForm({ ...h, update: null });
    expect(h.calls).toEqual(['create', 'saved Gym']);
  });

  it('tells the form nothing after a failed save (the mutation already said why)', async () => {
    const h = harness(undefined);
    await saveForm({ ...h, update: null });
    await saveForm({ ...h, update: { input: { id: 'a', name: 'x' }, send: h.send } });
    expect(h.calls).toEqual(['create', 'update {"id":"a","name":"x"}']);
  });
});
