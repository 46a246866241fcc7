import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiClientError } from '../../../renderer/src/lib/api-reply';
import { applyFieldErrors, type FieldErrorTarget } from '../../../renderer/src/lib/form-errors';

function fakeForm(values: unknown) {
  let errors: Record<string, ReactNode> = { other: 'kept' };
  const form: FieldErrorTarget = {
    getValues: () => values,
    setErrors: (update) => {
      errors = update(errors);
    },
  };
  return { form, errors: () => errors };
}

describe('applyFieldErrors', () => {
  it('places the server’s messages on the fields that exist, nested paths included', () => {
    const { form, errors } = fakeForm({ username: '', slots: [{ period: 1 }, { period: 11 }] });
    const error = new ApiClientError('VALIDATION', 'Check the fields.', {
      username: 'This username is taken.',
      'slots.1.period': 'Periods are 1–10.',
      unknownField: 'nowhere to show',
    });
    expect(applyFieldErrors(form, error)).toBe(true);
    expect(errors()).toEqual({
      other: 'kept',
      username: 'This username is taken.',
      'slots.1.period': 'Periods are 1–10.',
    });
  });

  it('renames server paths and answers false when nothing could be placed', () => {
    const { form, errors } = fakeForm({ login: '' });
    const error = new ApiClientError('CONFLICT', 'Taken.', { username: 'Taken.' });
    expect(applyFieldErrors(form, error, { username: 'login' })).toBe(true);
    expect(errors().login).toBe('Taken.');
    expect(applyFieldErrors(fakeForm({}).form, error)).toBe(false);
    expect(applyFieldErrors(form, new ApiClientError('INTERNAL', 'x'))).toBe(false);
    expect(applyFieldErrors(form, new Error('x'))).toBe(false);
  });
});
