// The secret box of web mode, where Electron's safeStorage (the OS keychain) is not available. Said
// plainly: this is NOT protection against anyone who can read this user's files. The secret is
// sealed with AES-256-GCM under a random key kept in `<dataDir>/secret-box.key`, right next to it;
// both files are created readable by this user only (mode 0600). What it does buy: the secret is
// never in settings.json, and a copied settings file, a screenshot or a log shows nothing usable.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretBox } from './types.js';

/** The key file's name inside the data directory. */
export const SECRET_BOX_KEY_FILE = 'secret-box.key';
const PREFIX = 'file-v1';
const KEY_BYTES = 32;

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** The box's key: read from the key file, or created (0600) on first use. */
function loadKey(dataDir: string): Buffer {
  const file = join(dataDir, SECRET_BOX_KEY_FILE);
  try {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length === KEY_BYTES) return key;
    throw new Error(`${file} does not hold a ${KEY_BYTES}-byte key`);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  try {
    writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadKey(dataDir);
    throw error;
  }
}

/** A SecretBox of kind 'file' keeping its key in dataDir (see the note at the top: not a keychain). */
export function fileSecretBox(dataDir: string): SecretBox {
  let key: Buffer | null = null;
  const getKey = (): Buffer => (key ??= loadKey(dataDir));
  return {
    kind: 'file',
    available: true,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', getKey(), iv);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [PREFIX, ...[iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64'))].join(':');
    },
    decrypt(sealed) {
      const [prefix, ...parts] = sealed.split(':');
      const [iv, tag, data] = parts.map((part) => Buffer.from(part, 'base64'));
      if (prefix !== PREFIX || parts.length !== 3 || !iv || !tag || !data)
        throw new Error('not a secret sealed by the file secret box');
      const decipher = createDecipheriv('aes-256-gcm', getKey(), iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
    },
  };
}
