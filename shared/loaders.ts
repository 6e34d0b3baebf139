// Per-request batching (DESIGN.md decision 7): a list of persons meeting a lookup costs one query.
import DataLoader from 'dataloader';

/** Rows grouped per person: one `where hetu = any(...)` query per batch. */
export function listLoader<T extends { hetu: string }>(fetch: (hetus: string[]) => Promise<T[]>): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (hetus) => {
    const byHetu = new Map<string, T[]>();
    for (const row of await fetch([...hetus])) {
      const list = byHetu.get(row.hetu);
      if (list) list.push(row);
      else byHetu.set(row.hetu, [row]);
    }
    return hetus.map((h) => byHetu.get(h) ?? []);
  });
}

/** At most one row per person. */
export function oneLoader<T extends { hetu: string }>(fetch: (hetus: string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (hetus) => {
    const byHetu = new Map<string, T>();
    for (const row of await fetch([...hetus])) byHetu.set(row.hetu, row);
    return hetus.map((h) => byHetu.get(h) ?? null);
  });
}

/** Inserts in chunks, so a large seed does not build one giant statement. */
export async function insertChunked<R>(rows: R[], insert: (chunk: R[]) => Promise<unknown>, size = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}
