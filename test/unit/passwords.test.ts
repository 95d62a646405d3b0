import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, hashPasswordWithCost, verifyPassword } from '../../src/lib/passwords.js';

describe('password hashing (scrypt, memory-hard)', () => {
  it('uses the OWASP parameters N=2^15, r=8, p=3 with a 16-byte random salt and a 64-byte key', async () => {
    const hash = await hashPassword('een-lang-wachtwoord');
    const [alg, n, r, p, salt, key] = hash.split('$');
    expect({ alg, n, r, p }).toEqual({ alg: 'scrypt', n: '32768', r: '8', p: '3' });
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64')).toHaveLength(64);
    expect(await hashPassword('een-lang-wachtwoord')).not.toBe(hash); // a new salt every time
  });

  it('verifies the right password only, with the parameters stored in the hash', async () => {
    const hash = await hashPassword('een-lang-wachtwoord');
    expect(await verifyPassword('een-lang-wachtwoord', hash)).toBe(true);
    expect(await verifyPassword('een-lang-wachtwoord ', hash)).toBe(false);
    const cheap = await hashPasswordWithCost('x-y-z', { n: 2 ** 10, r: 8, p: 1 });
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('x-y-z', cheap)).toBe(true);
  });

  it('never verifies the dummy hash or a malformed one', async () => {
    expect(await verifyPassword('', DUMMY_HASH)).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$abc')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$1$2$3')).toBe(false);
  });
});
