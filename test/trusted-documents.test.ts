// Trusted documents: in production only the web app's operations run, unless the caller's role is one the
// operator allows any document; outside production everything runs. The refusal passes error masking. The
// manifest is the one the app's build writes, from the operations the code generator lists.
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { maskError } from '../gateway/plugins/error-masking.ts';
import { readConfig } from '../shared/config.ts';
import { trustedDocuments, trustedDocumentsOnly } from '../gateway/plugins/trusted-documents.ts';
import { manifestOf, persistedDocuments } from '../web/trusted-documents.mjs';

const OPERATIONS = new URL('../web/src/operations/', import.meta.url);
const manifest = new Map(Object.entries(manifestOf(persistedDocuments())));
/** The text the app sends for an operation, by its name. */
const sent = (name: string) =>
  Object.entries(persistedDocuments() as Record<string, string>).find(
    ([key]) => manifest.get(key.replace('sha256:', '')) === name,
  )![1];

async function sourceCheck(policy: Parameters<typeof trustedDocumentsOnly>[0], role: string, source: string) {
  const listener = await trustedDocumentsOnly(policy).requestDidStart!({} as never);
  const hook = (listener as { didResolveSource: (r: unknown) => Promise<void> }).didResolveSource;
  return hook({ source, contextValue: { caller: { sub: 's', org: 'employment', role, areas: [] } } });
}

describe('trusted documents', () => {
  const production = { enforce: true, anyDocumentRoles: ['analyst'], manifest };

  it("list every one of the app's operations, as written in its .graphql files", () => {
    const written = readdirSync(OPERATIONS)
      .filter((f) => f.endsWith('.graphql'))
      .flatMap((f) => parse(readFileSync(new URL(f, OPERATIONS), 'utf8')).definitions)
      .flatMap((d) => (d.kind === 'OperationDefinition' && d.name ? [d.name.value] : []));
    expect(written.length).toBeGreaterThan(10);
    expect([...manifest.values()].sort()).toEqual(written.sort());
  });

  it("run the app's operations in production, and refuse any other document", async () => {
    await expect(sourceCheck(production, 'employment-specialist', sent('Client'))).resolves.toBeUndefined();
    const other = sent('Client').replace('client(hetu: $hetu) {', 'client(hetu: $hetu) { __typename');
    expect(other).not.toBe(sent('Client'));
    const refused = await sourceCheck(production, 'employment-specialist', other).catch((e) => e);
    expect(refused.extensions).toMatchObject({ code: 'DOCUMENT_NOT_TRUSTED' });
    expect(maskError({ message: refused.message, extensions: refused.extensions }, refused).extensions?.code).toBe(
      'DOCUMENT_NOT_TRUSTED',
    );
  });

  it('let a role the operator named send any document, and everyone outside production', async () => {
    await expect(sourceCheck(production, 'analyst', '{ __typename }')).resolves.toBeUndefined();
    const dev = { enforce: false, anyDocumentRoles: [] };
    await expect(sourceCheck(dev, 'employment-specialist', '{ __typename }')).resolves.toBeUndefined();
  });

  it('run nothing in production without a manifest but what the named roles send', async () => {
    const bare = { enforce: true, anyDocumentRoles: ['analyst'], manifest: trustedDocuments('/nonexistent.json') };
    const refused = await sourceCheck(bare, 'employment-specialist', sent('Client')).catch((e) => e);
    expect(refused.extensions).toMatchObject({ code: 'DOCUMENT_NOT_TRUSTED' });
    await expect(sourceCheck(bare, 'analyst', sent('Client'))).resolves.toBeUndefined();
  });
});

describe('the web settings of the configuration', () => {
  it('read TYM_ANY_DOCUMENT_ROLES as known roles, none by default', () => {
    expect(readConfig({}).anyDocumentRoles).toEqual([]);
    expect(readConfig({ TYM_ANY_DOCUMENT_ROLES: 'analyst, supervisor' }).anyDocumentRoles).toEqual([
      'analyst',
      'supervisor',
    ]);
    expect(() => readConfig({ TYM_ANY_DOCUMENT_ROLES: 'admin' })).toThrow(/"admin" is not a role/);
  });

  it('read the OpenID Connect provider: an https issuer and a client id together, or nothing', () => {
    expect(readConfig({}).oidc).toBeUndefined();
    const env = { TYM_OIDC_ISSUER: 'https://login.example.fi', TYM_OIDC_CLIENT_ID: 'tym-web' };
    expect(readConfig(env).oidc).toEqual({ issuer: 'https://login.example.fi', clientId: 'tym-web', scope: 'openid' });
    expect(() => readConfig({ TYM_OIDC_ISSUER: 'https://login.example.fi' })).toThrow(/go together/);
    expect(() => readConfig({ ...env, TYM_OIDC_ISSUER: 'http://login.example.fi' })).toThrow(/https/);
  });
});
