import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AuditAnchor } from '@kepu/core';
import { auditAnchorPayload } from '@kepu/core/engine';
import { UsageError } from './command.js';

// Ed25519 signatures of audit anchors, with Node's own crypto (OpenSSL): node-only, so here in
// the CLI and not in core, which runs in browsers too.

/** A new Ed25519 key pair, as PEM: the private key in PKCS #8, the public key in SPKI. */
export function generateAuditKeyPair(): { readonly privateKey: string; readonly publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKey, publicKey };
}

async function readKeyText(file: string, cwd: string): Promise<{ path: string; text: string }> {
  const path = resolve(cwd, file);
  try {
    return { path, text: await readFile(path, 'utf8') };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError({
      zh: `无法读取密钥文件 ${path}：${reason}`,
      en: `Cannot read the key file ${path}: ${reason}`,
    });
  }
}

const notEd25519 = (path: string, what: 'private' | 'public') =>
  new UsageError({
    zh: `${path} 不是 Ed25519 ${what === 'private' ? '私钥' : '公钥'}（PEM）。请用 kepu audit keygen 生成密钥对。`,
    en: `${path} is not an Ed25519 ${what} key (PEM). Make a key pair with kepu audit keygen.`,
  });

/** Reads an Ed25519 key from a PEM file; anything else is a usage error naming the file. */
export async function readAuditKey(file: string, cwd: string, what: 'private' | 'public'): Promise<KeyObject> {
  const { path, text } = await readKeyText(file, cwd);
  let key: KeyObject;
  try {
    key = what === 'private' ? createPrivateKey(text) : createPublicKey(text);
  } catch {
    throw notEd25519(path, what);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw notEd25519(path, what);
  return key;
}

/** The anchor signed with `privateKey`: `signature` (base64) over its payload, and the public key (PEM). */
export function signAuditAnchor(anchor: AuditAnchor, privateKey: KeyObject): AuditAnchor {
  const { signature: _s, publicKey: _p, ...unsigned } = anchor;
  const signature = sign(null, Buffer.from(auditAnchorPayload(unsigned), 'utf8'), privateKey).toString('base64');
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { ...unsigned, signature, publicKey };
}

/** Whether the anchor's signature verifies with `publicKey`; false for an unsigned anchor. */
export function anchorSignatureHolds(anchor: AuditAnchor, publicKey: KeyObject): boolean {
  if (anchor.signature === undefined) return false;
  try {
    return verify(
      null,
      Buffer.from(auditAnchorPayload(anchor), 'utf8'),
      publicKey,
      Buffer.from(anchor.signature, 'base64'),
    );
  } catch {
    return false;
  }
}

/** The public key an anchor carries, or undefined when it carries none or not an Ed25519 one. */
export function embeddedPublicKey(anchor: AuditAnchor): KeyObject | undefined {
  if (anchor.publicKey === undefined) return undefined;
  try {
    const key = createPublicKey(anchor.publicKey);
    return key.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
}
