import { hash, verify } from '@node-rs/argon2';

/*
 * argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane): about 50 ms on this machine, which is slow
 * for a password guesser and fast enough for a login. The parameters live in the hash string, so they
 * can be raised later without invalidating stored hashes.
 */
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword({
  passwordHash,
  password,
}: {
  passwordHash: string;
  password: string;
}): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the login does not exist, so that its timing does not tell. */
let dummyHash: Promise<string> | null = null;
export function getDummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('kiseki-dummy-password-for-timing');
  return dummyHash;
}
