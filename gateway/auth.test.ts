// Verified tokens are taken again without a second signature check, for a short while and never past
// their expiry; a withdrawn key stops being honoured once that while is over.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateKeyPair, SignJWT, type JWTVerifyGetKey } from 'jose';
import { Authenticator, AUDIENCE, VERIFIED_TOKEN_SECONDS } from './auth.ts';

const ISSUER = 'https://idp.example';

async function setUp() {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA');
  let withdrawn = false;
  const resolver = vi.fn((async () => {
    if (withdrawn) throw new Error('no such key');
    return publicKey;
  }) as JWTVerifyGetKey);
  const auth = new Authenticator();
  auth.addIssuer(ISSUER, resolver);
  const token = (ttlSeconds = 3600) =>
    new SignJWT({ org: 'kela', role: 'work-ability-specialist', areas: ['ita-uusimaa'] })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('kela.wa@example')
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(privateKey);
  return { auth, resolver, token, withdraw: () => void (withdrawn = true) };
}

afterEach(() => vi.useRealTimers());

describe('verified tokens', () => {
  it('are taken again without checking the signature anew, each request with a caller of its own', async () => {
    const { auth, resolver, token } = await setUp();
    const t = await token();
    const first = await auth.authenticate(`Bearer ${t}`);
    first.areas.push('keski-uusimaa');
    const second = await auth.authenticate(`Bearer ${t}`);
    expect(second).toEqual({
      sub: 'kela.wa@example',
      org: 'kela',
      role: 'work-ability-specialist',
      areas: ['ita-uusimaa'],
    });
    expect(resolver).toHaveBeenCalledTimes(1);
  });

  it('are refused once expired, though remembered', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { auth, token } = await setUp();
    const t = await token(20);
    await auth.authenticate(`Bearer ${t}`);
    vi.setSystemTime(Date.now() + 30_000); // past exp and the default 5 s tolerance, within the recheck time
    await expect(auth.authenticate(`Bearer ${t}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('are checked anew after a while: a withdrawn key is then no longer honoured', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { auth, resolver, token, withdraw } = await setUp();
    const t = await token();
    await auth.authenticate(`Bearer ${t}`);
    withdraw();
    await auth.authenticate(`Bearer ${t}`); // still within the while
    vi.setSystemTime(Date.now() + VERIFIED_TOKEN_SECONDS * 1000 + 1000);
    await expect(auth.authenticate(`Bearer ${t}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(resolver).toHaveBeenCalledTimes(2);
  });

  it('a refused token is not remembered: it is checked again next time', async () => {
    const { auth, resolver, token } = await setUp();
    const t = await token();
    const forged = `${t.slice(0, -4)}AAAA`;
    await expect(auth.authenticate(`Bearer ${forged}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    await expect(auth.authenticate(`Bearer ${forged}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(resolver).toHaveBeenCalledTimes(2);
  });
});
