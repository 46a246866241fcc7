/**
 * The packaging configuration: the Electron fuses are flipped the way electron/main relies on, and every key is
 * one electron-builder knows (an unknown key would be refused only when an installer is built elsewhere).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const scheme = JSON.parse(
  readFileSync(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'),
) as {
  properties: Record<string, unknown>;
  definitions: Record<string, { properties: Record<string, unknown> }>;
};

describe('electron-builder.yml', () => {
  it('turns off running as Node, NODE_OPTIONS, --inspect and file:// privileges, and checks the asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('uses only keys electron-builder knows', () => {
    const known = Object.keys(scheme.definitions.FuseOptionsV1?.properties ?? {});
    expect(known.length).toBeGreaterThan(5);
    for (const key of Object.keys(config.electronFuses as object)) expect(known).toContain(key);
    const topLevel = Object.keys(scheme.properties);
    for (const key of Object.keys(config)) expect(topLevel).toContain(key);
  });
});
