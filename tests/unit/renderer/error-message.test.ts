import { describe, expect, it } from 'vitest';
import { ApiClientError, toApiClientError } from '../../../renderer/src/lib/api-reply';
import { FALLBACK_ERROR_MESSAGE, errorMessage } from '../../../renderer/src/lib/error-message';

describe('errorMessage', () => {
  it('reads the message of errors, thrown strings and plain { message } objects', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage(new ApiClientError('CONFLICT', 'This username is taken.'))).toBe(
      'This username is taken.',
    );
    expect(errorMessage('The disk is full.')).toBe('The disk is full.');
    expect(errorMessage({ code: 'INTERNAL', message: 'From the bridge.' })).toBe('From the bridge.');
  });

  it('falls back when there is no sentence to show', () => {
    for (const value of [undefined, null, 42, {}, { message: 7 }, new Error(''), '  ']) {
      expect(errorMessage(value)).toBe(FALLBACK_ERROR_MESSAGE);
    }
    expect(errorMessage(undefined, 'The voice note could not play.')).toBe('The voice note could not play.');
  });

  it('is what toApiClientError keeps from anything that is not already an ApiClientError', () => {
    expect(toApiClientError('offline').message).toBe('offline');
    expect(toApiClientError({ message: 'cloned' }).message).toBe('cloned');
    expect(toApiClientError(Symbol('x')).message).toBe(FALLBACK_ERROR_MESSAGE);
  });
});
