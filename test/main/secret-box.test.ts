// The client secret's keeper: the OS keychain when it really encrypts, else the file box, said plainly.
import type { SafeStorage } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { SecretBox } from '../../src/host/types.js';
import { electronSecretBox } from '../../src/main/secret-box.js';

function safeStorage(available: boolean, backend = 'gnome_libsecret'): SafeStorage {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain: string) => Buffer.from([...plain].reverse().join(''), 'utf8'),
    decryptString: (sealed: Buffer) => [...sealed.toString('utf8')].reverse().join(''),
  } as unknown as SafeStorage;
}

const fileBox: SecretBox = { kind: 'file', available: true, encrypt: (s) => s, decrypt: (s) => s };

describe('electron secret box', () => {
  it('uses safeStorage when it encrypts', () => {
    const warn = vi.fn();
    const box = electronSecretBox({
      safeStorage: safeStorage(true),
      dataDir: '/d',
      platform: 'linux',
      warn,
      fallback: () => fileBox,
    });
    expect(box.kind).toBe('safe-storage');
    const sealed = box.encrypt('s3cret');
    expect(sealed).not.toContain('s3cret');
    expect(box.decrypt(sealed)).toBe('s3cret');
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([
    ['encryption is unavailable', safeStorage(false), 'darwin'],
    ['Linux has no keyring (basic_text)', safeStorage(true, 'basic_text'), 'linux'],
  ] as const)('falls back to the file box and warns when %s', (_why, storage, platform) => {
    const warn = vi.fn();
    const fallback = vi.fn(() => fileBox);
    const box = electronSecretBox({ safeStorage: storage, dataDir: '/data', platform, warn, fallback });
    expect(box.kind).toBe('file');
    expect(fallback).toHaveBeenCalledWith('/data');
    expect(warn).toHaveBeenCalledOnce();
  });
});
