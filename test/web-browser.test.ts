// The web app in a real browser (Debian's chromium driven by playwright-core) against the whole system:
// sign in, the caseload, a client with a withheld field and its reason, a plan made and reviewed, a consent
// that changes what a municipality worker sees, the citizen's disclosures, an analyst's suppressed cell;
// in Finnish and Swedish, with axe-core (WCAG 2.1 AA) on every view. Skipped, saying so, only where no
// chromium is installed (.ci/run installs it). TYM_SCREENSHOTS=1 writes the README's screenshots.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { generateKeyPair, SignJWT } from 'jose';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../cli/system.ts';
import { BACKENDS, startTestSystem } from './support/system.ts';

const CHROMIUM = process.env.TYM_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const SHOTS = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const ACTIVE_IU = '150385-9013'; // active in Itä-Uusimaa, every field filled
const NO_PLAN_IU = '300888-906R'; // active in Itä-Uusimaa, past the plan deadline, no plan
const EMPLOYMENT_SPECIALIST = 'työllisyysviranomainen: työllisyysasiantuntija, ita-uusimaa';
const ANALYST = 'työllisyysviranomainen: analyytikko, ita-uusimaa';
const ASKOLA_WORKER = 'kunta: kunnan työllisyyspalvelut, Askola';

const present = existsSync(CHROMIUM);
if (!present) console.warn(`web-browser.test.ts skipped: no chromium at ${CHROMIUM} (apt-get install chromium)`);

/** axe-core's WCAG 2.1 A and AA rules on the page as it is now: no violation allowed. */
async function accessible(page: Page, view: string) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as any).axe;
    const r = await axe.run((globalThis as any).document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return r.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, view).toEqual([]);
}

/**
 * A stand-in OpenID Connect provider: discovery, an authorization endpoint that signs the user straight in,
 * and a token endpoint that checks the PKCE verifier against the challenge. Its access token is issued by
 * the key the test gateway trusts (the dev issuer); its ID token by a key of its own.
 */
async function fakeProvider(accessToken: () => Promise<string>) {
  const seen = { challenge: '', method: '', verified: false };
  const keys = await generateKeyPair('ES256');
  let issuer = '';
  let nonce: string | undefined;
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    res.setHeader('access-control-allow-origin', '*');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.pathname === '/authorize') {
      seen.challenge = url.searchParams.get('code_challenge') ?? '';
      seen.method = url.searchParams.get('code_challenge_method') ?? '';
      nonce = url.searchParams.get('nonce') ?? undefined;
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', 'the-code');
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      const verifier = form.get('code_verifier') ?? '';
      seen.verified = createHash('sha256').update(verifier).digest('base64url') === seen.challenge;
      if (!seen.verified || form.get('code') !== 'the-code') return json(400, { error: 'invalid_grant' });
      const idToken = await new SignJWT({ ...(nonce ? { nonce } : {}) })
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(issuer)
        .setAudience('tym-web')
        .setSubject('kaisa@porvoo.example')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(keys.privateKey);
      return json(200, { access_token: await accessToken(), id_token: idToken, token_type: 'Bearer', expires_in: 300 });
    }
    json(404, {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { issuer, seen, close: () => new Promise((r) => server.close(r)) };
}

async function shot(page: Page, name: string) {
  if (!process.env.TYM_SCREENSHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

describe.skipIf(!present)('the web app in chromium', () => {
  let system: System;
  let browser: Browser;
  let page: Page;
  let base: string;
  let provider: Awaited<ReturnType<typeof fakeProvider>>;

  beforeAll(async () => {
    execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build-web.mjs', import.meta.url))]);
    provider = await fakeProvider(() =>
      system.token({ org: 'employment', role: 'employment-specialist', areas: ['ita-uusimaa'] }),
    );
    [system, browser] = await Promise.all([
      startTestSystem(BACKENDS[0]!, undefined, {
        oidc: { issuer: provider.issuer, clientId: 'tym-web', scope: 'openid' },
      }),
      chromium.launch({ executablePath: CHROMIUM, args: FLAGS }),
    ]);
    base = system.url.replace(/\/graphql$/, '');
    // The browser speaks Finnish first; bypassCSP only lets the test inject axe-core.
    const context = await browser.newContext({
      locale: 'fi-FI',
      bypassCSP: true,
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    // The system's start and the build share the hook; a loaded machine may need more than the default.
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await system?.close();
    await provider?.close();
  });

  async function signInAs(label: string) {
    // A fresh load without the tab's session: the sign-in view.
    await page.goto(`${base}/#/signin`);
    await page.evaluate(() => (globalThis as any).sessionStorage.clear());
    await page.reload();
    await page.getByLabel('Kehitystila: valitse esittelykäyttäjä').selectOption({ label });
    await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
  }

  async function lookUp(hetu: string, purpose: string) {
    await page.getByRole('link', { name: 'Haku' }).click();
    await page.getByLabel('Käyttötarkoitus (pakollinen)').selectOption({ label: purpose });
    await page.getByLabel('Asian diaarinumero (pakollinen)').fill('DNRO-2026-117');
    await page.getByLabel('Henkilötunnus (pakollinen)').fill(hetu);
    await page.getByRole('button', { name: 'Hae' }).click();
    await page.locator('#client-view').waitFor();
  }

  it('serves the sign-in in the browser language, accessible', async () => {
    await page.goto(`${base}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('fi');
    await page.getByRole('heading', { name: 'Kirjaudu' }).waitFor();
    await accessible(page, 'sign-in');
    await shot(page, 'signin');
  });

  it('shows the caseload, and a client with the basis of each datum and a withheld field with its reason', async () => {
    await signInAs(EMPLOYMENT_SPECIALIST);
    await page.getByRole('heading', { name: 'Asiakkaat' }).waitFor();
    await page.locator('tbody tr').first().waitFor();
    await accessible(page, 'caseload');
    await shot(page, 'caseload');

    await lookUp(ACTIVE_IU, 'palvelutarpeen arviointi');
    const diagnoses = page.locator('[data-path="client.wellbeing.diagnoses"]');
    await expect(diagnoses.textContent()).resolves.toContain('organisaation sisäinen tieto, ei luovuteta');
    const education = page.locator('[data-path="client.employment.education"]');
    await expect(education.textContent()).resolves.toContain('oma rekisteri');
    await expect(education.textContent()).resolves.toContain('porvoo-employment-area');
    const social = page.locator('[data-path="client.wellbeing.socialSituation"]');
    await expect(social.textContent()).resolves.toContain('TYM-laki 15 §');
    const ms = Number(await page.locator('#client-view[data-render-ms]').getAttribute('data-render-ms'));
    console.log(`unified client view rendered ${ms} ms after the look-up`);
    expect(ms).toBeGreaterThan(0);
    await accessible(page, 'client');
    await shot(page, 'client');

    // The same view in Swedish: labels and the reason follow the switch.
    await page.getByLabel('Kieli').selectOption('sv');
    await expect(diagnoses.textContent()).resolves.toContain('organisationens interna uppgift');
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await accessible(page, 'client (sv)');
    await page.getByLabel('Språk').selectOption('fi');
  });

  it("signs an official in with the organisation's provider: code flow with PKCE, no localStorage", async () => {
    await page.goto(`${base}/#/signin`);
    await page.evaluate(() => (globalThis as any).sessionStorage.clear());
    await page.reload();
    await page.getByRole('button', { name: 'Kirjaudu organisaatiosi tunnistuksella' }).click();
    await page.getByRole('heading', { name: 'Asiakkaat' }).waitFor();
    expect(provider.seen).toMatchObject({ method: 'S256', verified: true });
    expect(page.url()).not.toContain('code=');
    expect(await page.evaluate(() => (globalThis as any).localStorage.length)).toBe(0);
    await page.locator('tbody tr').first().waitFor();
  });

  it('takes an official from sign-in to a client by keyboard alone', async () => {
    await page.goto(`${base}/#/signin`);
    await page.evaluate(() => (globalThis as any).sessionStorage.clear());
    await page.reload();
    /** Presses Tab (or Shift+Tab) until the element with this id has the focus; fails when it never gets it. */
    const tabTo = async (id: string, key = 'Tab') => {
      for (let i = 0; i < 15; i++) {
        await page.keyboard.press(key);
        if (await page.evaluate((x) => (globalThis as any).document.activeElement?.id === x, id)) return;
      }
      throw new Error(`Tab never reached #${id}`);
    };
    await page.getByRole('heading', { name: 'Kirjaudu' }).waitFor();
    await tabTo('persona');
    await page.keyboard.press('ArrowDown'); // the first demo official: an employment specialist
    await page.keyboard.press('Tab'); // the sign-in button
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Asiakkaat' }).waitFor();
    // A new view puts the focus on its content: the menu is back up from there.
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('main');
    await tabTo('nav-lookup', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await tabTo('purpose');
    await page.keyboard.press('ArrowDown');
    await tabTo('case');
    await page.keyboard.type('DNRO-2026-118');
    await tabTo('hetu');
    await page.keyboard.type(ACTIVE_IU);
    await page.keyboard.press('Enter');
    await page.locator('[data-path="client.wellbeing.diagnoses"]').waitFor();
  });

  it('makes a plan, reviews it, and grants a consent that opens the data to a municipality worker', async () => {
    await signInAs(ASKOLA_WORKER);
    await lookUp(NO_PLAN_IU, 'palvelujen yhteensovitus');
    const identity = page.locator('[data-path="client.joint.identity"]');
    await expect(identity.textContent()).resolves.toContain('Ei luovutettu');

    await signInAs(EMPLOYMENT_SPECIALIST);
    await lookUp(NO_PLAN_IU, 'suunnitelman laatiminen');
    await page.getByLabel('Palvelu', { exact: true }).fill('Työkokeilu');
    await page.locator('#plan-form ~ button, form[aria-labelledby="plan-form"] button').click();
    await page.getByRole('heading', { name: 'Tarkista suunnitelma' }).waitFor();
    await page.getByLabel('Tarkistuksen muistiinpano').fill('Työkokeilu alkaa');
    await page.locator('form[aria-labelledby="review-form"] button').click();
    await page.getByText('Työkokeilu alkaa').waitFor();
    await accessible(page, 'client after writes');

    const consent = page.locator('form[aria-labelledby="consent-form"]');
    await consent.getByLabel('Vastaanottajan kunta').fill('Askola');
    await consent.getByLabel('henkilötiedot').check();
    const until = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    await consent.getByLabel('Voimassa asti').fill(until);
    await consent.getByLabel('Lomakkeen tunniste').fill('TYM-SL-F-90001');
    await consent.getByRole('button', { name: 'Tallenna' }).click();
    await page.getByText('Tallennettu.').waitFor();

    await signInAs(ASKOLA_WORKER);
    await lookUp(NO_PLAN_IU, 'palvelujen yhteensovitus');
    await expect(identity.textContent()).resolves.toContain('asiakkaan suostumus');
  });

  it('shows the citizen who received their data, without the officials', async () => {
    await signInAs(`Antti (${ACTIVE_IU})`);
    await page.getByRole('heading', { name: 'Kenelle tietojani on luovutettu' }).waitFor();
    const log = page.locator('table');
    await expect(log.textContent()).resolves.toContain('työllisyysasiantuntija');
    await expect(log.textContent()).resolves.toContain('palvelutarpeen arviointi');
    await expect(log.textContent()).resolves.not.toContain('@dev');
    await accessible(page, 'citizen');
    await shot(page, 'citizen');
  });

  it('shows an analyst figures with suppressed cells as suppressed', async () => {
    await signInAs(ANALYST);
    await page.getByRole('heading', { name: 'Tilastot' }).waitFor();
    await page.getByText('suojattu (alle 5)').first().waitFor();
    await accessible(page, 'statistics');
    await shot(page, 'statistics');
  });
});
