// Trusted documents: in production the gateway runs only the operations the web app ships
// (web/src/operations.ts), known by the SHA-256 of their text, unless the operator lets a named role send
// any document (TYM_ANY_DOCUMENT_ROLES, e.g. analysts exploring figures). A stolen token then cannot be
// used to ask for anything the app would not ask; outside production every document is accepted.
import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import * as operations from '../../web/src/operations.ts';
import type { GatewayContext } from '../context.ts';

export const documentSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The manifest: the hash of each of the app's operations → its name. */
export function trustedDocuments(): Map<string, string> {
  return new Map(Object.entries(operations).map(([name, text]) => [documentSha256(text), name]));
}

export interface TrustedDocumentsPolicy {
  /** true in production */
  enforce: boolean;
  /** roles that may send any document (TYM_ANY_DOCUMENT_ROLES) */
  anyDocumentRoles: readonly string[];
}

export const trustedDocumentsOnly = (policy: TrustedDocumentsPolicy): ApolloServerPlugin<GatewayContext> => {
  const manifest = trustedDocuments();
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
