// Release collection: what the subgraphs reported releasing and using in one request, the
// disclosure log's material (docs/LAW.md rule 18). The request's list is this module's own state.
import type { ReleaseReport } from '../../shared/subgraph.ts';
import type { Register } from '../../shared/vocabulary.ts';
import type { GatewayContext } from '../context.ts';

export type Release = ReleaseReport & { register: Register };

const releases = new WeakMap<GatewayContext, Release[]>();

/** Called for every report a subgraph sends back with its response. */
export function recordRelease(context: GatewayContext, release: Release): void {
  const list = releases.get(context);
  if (list) list.push(release);
  else releases.set(context, [release]);
}

/** What this request's subgraphs reported, in arrival order. */
export const releasesOf = (context: GatewayContext): readonly Release[] => releases.get(context) ?? [];
