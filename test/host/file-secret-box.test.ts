import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECRET_BOX_KEY_FILE, fileSecretBox } from '../../src/host/file-secret-box.js';
import { tempDataDir } from './support.js';

describe('the file secret box (web mode)', () => {
  it('opens what it sealed, and the sealed text does not show the secret', () => {
    const box = fileSecretBox(tempDataDir());

    const sealed = box.encrypt('pos-sim-demo-secret');

    expect(box).toMatchObject({ kind: 'file', available: true });
    expect(sealed).toMatch(/^file-v1:/);
    expect(sealed).not.toContain('pos-sim-demo-secret');
    expect(box.decrypt(sealed)).toBe('pos-sim-demo-secret');
  });

  it('keeps its key in the data directory, readable by this user only, across instances', () => {
    const dataDir = tempDataDir();
    const sealed = fileSecretBox(dataDir).encrypt('s3cret');

    expect(statSync(join(dataDir, SECRET_BOX_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(fileSecretBox(dataDir).decrypt(sealed)).toBe('s3cret');
  });

  it('refuses text it did not seal, and a secret sealed under another key', () => {
    const sealed = fileSecretBox(tempDataDir()).encrypt('s3cret');

    expect(() => fileSecretBox(tempDataDir()).decrypt(sealed)).toThrow();
    expect(() => fileSecretBox(tempDataDir()).decrypt('s3cret')).toThrow(/not a secret sealed/);
  });

  it('refuses a damaged key file instead of replacing it', () => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, SECRET_BOX_KEY_FILE), 'short');

    expect(() => fileSecretBox(dataDir).encrypt('x')).toThrow(/32-byte key/);
    expect(readFileSync(join(dataDir, SECRET_BOX_KEY_FILE), 'utf8')).toBe('short');
  });
});
