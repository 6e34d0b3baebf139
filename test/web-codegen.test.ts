// The app's GraphQL types are generated from its operations and the composed schema and committed
// (web/src/gql/): they must be what the code generator makes of the files as they are now, or the app would
// be typed against operations or a schema it no longer has (and the gateway's manifest would not match).
import { describe, expect, it } from 'vitest';
import { stale } from '../web/codegen.mjs';

describe("the web app's generated GraphQL types", () => {
  it('are up to date with web/src/operations and schema/supergraph.graphql (npm run codegen)', async () => {
    expect(await stale()).toEqual([]);
  }, 60_000);
});
