import { describe, expect, it } from 'vitest';
import { canonical, chainHash, GENESIS_HASH, type EntryContent } from './chain.ts';

const HASH = '9ef62ab3f8cf55863f0d85dc1626d0b0546dce85815f1aaa087bc6d09830cd96';

// What the hash of a log entry covers must never change: entries written by every earlier version are
// verified with today's code. These texts and hashes were made by the first form of `canonical`.
const entry: EntryContent = {
  at: '2026-03-01 09:15:02.5+02',
  requestId: '7d0c1d52-5a55-4c55-9d56-6f3f5e0f3a10',
  kind: 'DISCLOSURE',
  hetu: '131052-308T',
  register: 'employment',
  categories: ['EMPLOYMENT_STATUS', 'EDUCATION'],
  basis: 'SECTION_15',
  recipientSub: 'official-7',
  recipientOrg: 'kela',
  recipientRole: 'work-ability-specialist',
  recipientAreas: ['ita-uusimaa', 'keski-uusimaa'],
  recipientMunicipality: null,
  personArea: 'ita-uusimaa',
  purpose: 'COORDINATION',
  caseReference: 'K-2026/15',
  operationName: 'ClientView',
  documentHash: 'abc',
};

describe('the canonical form of a log entry', () => {
  it('is the same text and hash as it always was, whatever form the instant is read in', () => {
    const text =
      '["2026-03-01T07:15:02.500Z","7d0c1d52-5a55-4c55-9d56-6f3f5e0f3a10","DISCLOSURE","131052-308T",' +
      '"employment",["EMPLOYMENT_STATUS","EDUCATION"],"SECTION_15","official-7","kela","work-ability-specialist",' +
      '["ita-uusimaa","keski-uusimaa"],null,"ita-uusimaa","COORDINATION","K-2026/15","ClientView","abc"]';
    // As written (an ISO instant) and as PostgreSQL reads it back (its own text form, another offset).
    for (const at of ['2026-03-01T07:15:02.500Z', entry.at]) {
      expect(canonical({ ...entry, at })).toBe(text);
      expect(chainHash(GENESIS_HASH, { ...entry, at })).toBe(HASH);
    }
  });

  it('writes absent values as null', () => {
    const bare = { ...entry, personArea: null, caseReference: null, operationName: null };
    expect(canonical(bare)).toBe(
      '["2026-03-01T07:15:02.500Z","7d0c1d52-5a55-4c55-9d56-6f3f5e0f3a10","DISCLOSURE","131052-308T",' +
        '"employment",["EMPLOYMENT_STATUS","EDUCATION"],"SECTION_15","official-7","kela","work-ability-specialist",' +
        '["ita-uusimaa","keski-uusimaa"],null,null,"COORDINATION",null,null,"abc"]',
    );
  });

  it('normalises each instant of a commit, not only the first', () => {
    const later = { ...entry, at: '2026-03-01 09:15:03+02' };
    expect(JSON.parse(canonical(entry))[0]).toBe('2026-03-01T07:15:02.500Z');
    expect(JSON.parse(canonical(later))[0]).toBe('2026-03-01T07:15:03.000Z');
    expect(JSON.parse(canonical(entry))[0]).toBe('2026-03-01T07:15:02.500Z');
  });
});
