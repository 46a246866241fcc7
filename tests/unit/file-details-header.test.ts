import { describe, expect, it } from 'vitest';
import { decodeFileDetails, encodeFileDetails, type FileDetails } from '../../shared/contract/files';

const details: FileDetails = {
  id: '0123456789abcdef01234567',
  name: 'Gedichte — Klasse 7 “Frühling” 🌷.pdf',
  mimeType: 'audio/webm;codecs=opus',
  size: 0,
  purpose: 'audio',
  durationSeconds: 2.5,
  createdAt: new Date('2026-11-30T17:00:00.123Z'),
};

describe("GET /api/files/<id>'s x-crm-file header", () => {
  it('carries files.get’s details, Unicode names included, as a header may (ASCII only)', () => {
    const header = encodeFileDetails(details);
    expect(header).toMatch(/^[\x21-\x7e]+$/);
    expect(decodeFileDetails(header)).toEqual(details);
    const { durationSeconds: _, ...withoutDuration } = details;
    expect(decodeFileDetails(encodeFileDetails(withoutDuration))).toEqual(withoutDuration);
  });

  it('refuses a missing, overlong, malformed or incomplete header', () => {
    expect(decodeFileDetails(undefined)).toBeUndefined();
    expect(decodeFileDetails('%E0%A4%A')).toBeUndefined();
    expect(decodeFileDetails(encodeURIComponent('{"id":'))).toBeUndefined();
    expect(decodeFileDetails(encodeFileDetails({ ...details, name: 'x'.repeat(5_000) }))).toBeUndefined();
    const { size: _, ...noSize } = details;
    expect(decodeFileDetails(encodeURIComponent(JSON.stringify(noSize)))).toBeUndefined();
    expect(decodeFileDetails(encodeURIComponent(JSON.stringify({ ...details, size: -1 })))).toBeUndefined();
    expect(
      decodeFileDetails(encodeURIComponent(JSON.stringify({ ...details, extra: true }))),
    ).toBeUndefined();
  });
});
