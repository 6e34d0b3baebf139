// Text read from a file that holds any character past U+00FF (an en dash in a comment or a description)
// is kept by V8 in its two-byte form, and so is every name and value sliced from it, however plain. JSON
// or text built with one such string is two-byte throughout: twice the memory, and an answer of over
// 64,000 characters then lands in V8's large-object space, where each one costs fresh pages (about a
// millisecond for a page of 50). Names and values taken from configuration and schema files pass here.

/** A UTF-16 code unit past U+00FF (surrogates included). */
const WIDER = /[\u0100-\uffff]/;

/** The same text, one byte per character when every character fits (U+0000–U+00FF). */
export function compactText(text: string): string {
  return WIDER.test(text) ? text : Buffer.from(text, 'latin1').toString('latin1');
}
