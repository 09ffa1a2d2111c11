// The client secret's keeper in the app: Electron safeStorage (the OS keychain) when it really
// encrypts, else the web mode's user-only file; the settings view shows which one is in use.
import type { SafeStorage } from 'electron';
import { fileSecretBox } from '../host/file-secret-box.js';
import type { SecretBox } from '../host/types.js';

/** safeStorage as a SecretBox: sealed text is the encrypted bytes in base64. */
export function safeStorageSecretBox(safeStorage: SafeStorage): SecretBox {
  return {
    kind: 'safe-storage',
    available: true,
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}

/** Whether safeStorage protects anything: on Linux without a keyring it falls back to a fixed key. */
export function safeStorageUsable(safeStorage: SafeStorage, platform: NodeJS.Platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (platform !== 'linux') return true;
  const backend = safeStorage.getSelectedStorageBackend();
  return backend !== 'basic_text' && backend !== 'unknown';
}

/** The app's secret box (call after app ready): safeStorage, or the file fallback with a warning. */
export function electronSecretBox(deps: {
  readonly safeStorage: SafeStorage;
  readonly dataDir: string;
  readonly platform: NodeJS.Platform;
  readonly warn: (message: string) => void;
  readonly fallback?: (dataDir: string) => SecretBox;
}): SecretBox {
  if (safeStorageUsable(deps.safeStorage, deps.platform)) return safeStorageSecretBox(deps.safeStorage);
  deps.warn(
    'OS encryption (safeStorage) is not available: the client secret is kept in a file only this user can read.',
  );
  return (deps.fallback ?? fileSecretBox)(deps.dataDir);
}
