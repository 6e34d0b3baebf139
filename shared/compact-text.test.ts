// Names and values read from configuration and schema files are kept one byte per character, whatever
// else their file holds (docs/DESIGN.md, Stack notes, "Compact text"). V8 does not tell a string's form;
// its value serializer does: a one-byte string is written with the tag '"', a two-byte one with 'c'.
import { readFileSync } from 'node:fs';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { readCategoryMap } from '../gateway/categories.ts';
import { readSupergraph } from '../gateway/supergraph.ts';
import { parseAreas } from './areas.ts';
import { compactText } from './compact-text.ts';
import { configFile } from './config-files.ts';

const oneByte = (text: string): boolean => serialize(text)[2] === '"'.charCodeAt(0);
/** Plain text as V8 keeps it when it was cut from a text with a wider character. */
const twoByteForm = (text: string): string => `${text}\u2013`.slice(0, text.length);

describe('compact text', () => {
  it('keeps the characters and takes one byte each when every one fits', () => {
    const wide = twoByteForm('ita-uusimaa');
    expect(oneByte(wide)).toBe(false);
    expect(compactText(wide)).toBe('ita-uusimaa');
    expect(oneByte(compactText(wide))).toBe(true);
    expect(oneByte(compactText(twoByteForm('Lapinjärvi')))).toBe(true);
    expect(compactText('§4–6 → ok')).toBe('§4–6 → ok');
  });

  it('is what the cooperation areas are read as, from a file with a dash in a comment', () => {
    const yaml = `# areas \u2013 with an en dash\n${readFileSync(configFile('areas.yaml'), 'utf8')}`;
    for (const area of parseAreas(yaml, 'areas.yaml'))
      for (const text of [area.id, area.name, ...Object.values(area.controllers), ...area.municipalities])
        expect(oneByte(text), text).toBe(true);
  });

  it('is what the registers and categories are read as from a supergraph with a wider character', () => {
    const sdl = `# the plan – sections 4 to 6\n${readSupergraph()}`;
    const map = readCategoryMap(sdl);
    expect(map.bySubgraph.size).toBeGreaterThan(0);
    for (const field of map.fields.values()) {
      expect(oneByte(field.category), field.category).toBe(true);
      for (const subgraph of field.subgraphs) expect(oneByte(subgraph), subgraph).toBe(true);
    }
  });
});
