// Model ids and delete tokens: random, unguessable, and the token kept only as its hash.

/** 128 random bits as base64url (22 characters). */
export function randomId(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

/** 256 random bits: the delete token, shown once to whoever trained the model. */
export function randomToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

export const idPattern = /^[A-Za-z0-9_-]{22}$/;

export async function sha256(text: string | Uint8Array): Promise<string> {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return base64url(new Uint8Array(digest));
}

/** Compares two digests in time that does not depend on where they differ. */
export function sameDigest(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  if (left.length !== right.length) return false;
  return crypto.subtle.timingSafeEqual(left, right);
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * A job's id: 128 random bits as a model id (the job's model is stored under it), but never
 * starting with "-", which Workflows' instance ids may not. The base64url text of 16 bytes leaves
 * the last character's 4 low bits zero; one of them records that a leading "-" became "A", so the
 * mapping stays one to one and the id keeps all 128 bits.
 */
export function randomJobId(): string {
  const id = randomId();
  if (!id.startsWith("-")) return id;
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const last = alphabet.indexOf(id.at(-1) as string);
  return `A${id.slice(1, -1)}${alphabet[last | 1]}`;
}
