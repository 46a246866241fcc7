/**
 * An update input names the item and only the fields that changed (the forms' `update…Input` helpers build it),
 * so one that holds nothing but the id changes nothing: the dialog closes without a call.
 */
export function changesNothing(input: { id: string }): boolean {
  return Object.keys(input).length === 1;
}
