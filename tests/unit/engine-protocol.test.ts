/**
 * The engine's stdout protocol is declared twice by necessity (a Go struct, a zod schema): this keeps the two
 * halves in step, field for field and exit code for exit code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ENGINE_EXIT,
  engineErrorSchema,
  engineReadySchema,
  parseEngineEvent,
} from '../../electron/core/engine/protocol';

const mainGo = readFileSync(join(import.meta.dirname, '..', '..', 'engine', 'main.go'), 'utf8');

function jsonTagsOf(struct: string): string[] {
  const body = new RegExp(`type ${struct} struct \\{([^}]*)\\}`).exec(mainGo)?.[1] ?? '';
  return [...body.matchAll(/json:"(\w+)"/g)].map((m) => m[1] ?? '').sort();
}

describe('crm-engine protocol', () => {
  it('the ready and error events have the same fields in Go and TypeScript', () => {
    expect(jsonTagsOf('readyEvent')).toEqual(Object.keys(engineReadySchema.shape).sort());
    expect(jsonTagsOf('errorEvent')).toEqual(Object.keys(engineErrorSchema.shape).sort());
  });

  it('the exit codes agree', () => {
    const code = (name: string) => Number(new RegExp(`${name}\\s*=\\s*(\\d+)`).exec(mainGo)?.[1]);
    expect(code('exitFailed')).toBe(ENGINE_EXIT.failed);
    expect(code('exitUsage')).toBe(ENGINE_EXIT.usage);
    expect(code('exitLocked')).toBe(ENGINE_EXIT.locked);
  });

  it('reads a ready line, an error line, and ignores anything else', () => {
    const ready = {
      event: 'ready',
      uri: 'mongodb://127.0.0.1:27018/?tls=true',
      tlsCAFile: '/d/tls/ca.pem',
      tlsCertificateKeyFile: '/d/tls/client.pem',
      pid: 10,
      postgresPid: 11,
      dataDir: '/d',
    };
    expect(parseEngineEvent(JSON.stringify(ready))).toEqual(ready);
    expect(parseEngineEvent('{"event":"error","message":"locked"}')).toEqual({
      event: 'error',
      message: 'locked',
    });
    expect(parseEngineEvent(JSON.stringify({ ...ready, uri: 'http://x' }))).toBeUndefined();
    expect(parseEngineEvent('{"event":"ready"}')).toBeUndefined();
    expect(parseEngineEvent('not json')).toBeUndefined();
  });
});
