// One disclosure-log entry as the gateway writes it for an employment specialist reading a joint
// record under section 15: the log tests vary only what they look at.
import type { EntryContent } from '../../gateway/audit/chain.ts';

export const disclosureEntry = (
  fields: Pick<EntryContent, 'at' | 'requestId' | 'hetu'> & Partial<EntryContent>,
): EntryContent => ({
  kind: 'DISCLOSURE',
  register: 'joint',
  categories: ['IDENTITY'],
  basis: 'SECTION_15',
  recipientSub: 'x',
  recipientOrg: 'employment',
  recipientRole: 'employment-specialist',
  recipientAreas: ['ita-uusimaa'],
  recipientMunicipality: null,
  personArea: 'ita-uusimaa',
  purpose: 'ASSESSMENT',
  caseReference: null,
  operationName: null,
  documentHash: 'd',
  ...fields,
});
