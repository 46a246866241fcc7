/**
 * An update input names the item and only the fields that changed (the forms' `update…Input` helpers build it),
 * so one that holds nothing but the id changes nothing: the dialog closes without a call.
 */
export function changesNothing(input: { id: string }): boolean {
  return Object.keys(input).length === 1;
}

export interface SaveFormSteps<U extends { id: string }, O> {
  /** Editing: the update input (`update…Input`) and the update's `mutate`; null for a new item. */
  update: { input: U; send: (input: U) => Promise<O | undefined> } | null;
  /** A new item: the create call. */
  create: () => Promise<O | undefined>;
  /** An edit that changes nothing: usually the dialog's close. */
  onUnchanged: () => void;
  /** After a successful save, with the server's answer. */
  onSaved: (saved: O) => void;
}

/** A create-or-edit form's save: an edit sends only what changed (nothing changed, no call); a new item is created. */
export async function saveForm<U extends { id: string }, O>(steps: SaveFormSteps<U, O>): Promise<void> {
  if (steps.update && changesNothing(steps.update.input)) return steps.onUnchanged();
  const saved = steps.update ? await steps.update.send(steps.update.input) : await steps.create();
  if (saved) steps.onSaved(saved);
}
