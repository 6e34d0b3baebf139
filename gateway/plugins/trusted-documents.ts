// Trusted documents: in production the gateway runs only the operations the web app ships
// (web/src/operations/*.graphql), known by the SHA-256 of their text as the app sends it, unless the operator
// lets a named role send any document (TYM_ANY_DOCUMENT_ROLES, e.g. analysts exploring figures). A stolen
// token then cannot be used to ask for anything the app would not ask; outside production every document is
// accepted. The manifest is written by the app's build beside the app (web/dist/trusted-documents.json); a
// production gateway without it runs no document but those of the named roles, and says so when it starts.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { loggerFor } from '../../shared/logger.ts';
import type { GatewayContext } from '../context.ts';

export const TRUSTED_MANIFEST = fileURLToPath(new URL('../../web/dist/trusted-documents.json', import.meta.url));

export const documentSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The manifest: the hash of each of the app's operations → its name; empty when the app was not built. */
export function trustedDocuments(file: string = TRUSTED_MANIFEST): Map<string, string> {
  if (!existsSync(file)) return new Map();
  return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>));
}

export interface TrustedDocumentsPolicy {
  /** true in production */
  enforce: boolean;
  /** roles that may send any document (TYM_ANY_DOCUMENT_ROLES) */
  anyDocumentRoles: readonly string[];
  /** the manifest; by default the built app's */
  manifest?: ReadonlyMap<string, string>;
}

export const trustedDocumentsOnly = (policy: TrustedDocumentsPolicy): ApolloServerPlugin<GatewayContext> => {
  const manifest = policy.manifest ?? (policy.enforce ? trustedDocuments() : new Map<string, string>());
  if (policy.enforce && manifest.size === 0)
    loggerFor('trusted-documents').warn(
      { manifest: 'web/dist/trusted-documents.json' },
      'no trusted documents: the web app is not built, so only the roles of TYM_ANY_DOCUMENT_ROLES can query',
    );
  return {
    async requestDidStart() {
      return {
        async didResolveSource({ source, contextValue }) {
          if (!policy.enforce || policy.anyDocumentRoles.includes(contextValue.caller.role)) return;
          if (manifest.has(documentSha256(source))) return;
          throw new GraphQLError('Only the trusted documents are accepted', {
            extensions: { code: 'DOCUMENT_NOT_TRUSTED', http: { status: 400 } },
          });
        },
      };
    },
  };
};
