// Group commit (docs/DESIGN.md decision 5): when no commit is in flight, a commit starts as soon as
// entries arrive, or, while other requests are still under way, a few milliseconds later so that theirs
// join it; entries arriving meanwhile share the next one, which starts as soon as it ends. A
// request's response waits for its entries' commit; if the commit fails, the request gets no personal
// data (fail closed).
import { and, countDistinct, eq, gt, sql } from 'drizzle-orm';
import { executeRows, type Db } from '../../shared/db.ts';
import { groupedJsonInsert, jsonInsert } from '../../shared/json-insert.ts';
import { GroupCommit } from '../../shared/group-commit.ts';
import { fixedText, statementTemplate } from '../../shared/statement-text.ts';
import { chainHash, GENESIS_HASH, type EntryContent } from './chain.ts';
import { accessAlerts, chainHead, entries, lookups, type AuditSchema } from './db/schema.ts';
import { loggerFor } from '../../shared/logger.ts';
import { countAlert, countLogCommit, countLogFailure } from '../../shared/metrics.ts';
import { describeError } from '../../shared/safe-errors.ts';

const log = loggerFor('disclosure-log');

export type LookupRecord = typeof lookups.$inferInsert;

export interface AlertPolicy {
  windowMinutes: number;
  /** distinct persons outside the official's caseload within the window */
  outsideCaseload: number;
  /** invalid identity codes within the window */
  invalidHetus: number;
}
/** The defaults of TYM_ALERT_WINDOW_MINUTES, TYM_ALERT_OUTSIDE_CASELOAD and TYM_ALERT_INVALID_HETUS. */
export const DEFAULT_ALERTS: AlertPolicy = { windowMinutes: 60, outsideCaseload: 20, invalidHetus: 10 };

interface Pending {
  entries: EntryContent[];
  lookups: LookupRecord[];
  resolve(): void;
  reject(e: unknown): void;
}

/**
 * The columns of a log entry, as the hash covers them, with its chain links: those a request's entries
 * share, sent once per request (shared/json-insert.ts `groupedJsonInsert`), and each entry's own.
 */
const ENTRY_KEYS = {
  shared: [
    'at',
    'requestId',
    'recipientSub',
    'recipientOrg',
    'recipientRole',
    'recipientAreas',
    'recipientMunicipality',
    'purpose',
    'caseReference',
    'operationName',
    'documentHash',
  ],
  own: ['kind', 'hetu', 'register', 'categories', 'basis', 'personArea', 'prevHash', 'hash'],
} as const satisfies Record<'shared' | 'own', readonly (keyof typeof entries.$inferInsert)[]>;
const LOOKUP_KEYS = [
  'at',
  'requestId',
  'sub',
  'org',
  'role',
  'areas',
  'hetu',
  'outcome',
  'refusals',
] as const satisfies readonly (keyof LookupRecord)[];

// The fixed parts of a commit's one statement (commitOnHead), their text made once (shared/statement-text.ts).
const HEAD_LOCKED = fixedText(
  sql`with head as (select ${chainHead.hash} as hash from ${chainHead} where ${chainHead.id} = 1 for update)`,
);
const moveHead = statementTemplate<'last' | 'prevHash'>(
  (slot) => sql`update ${chainHead} set seq = coalesce((select max(seq) from inserted), ${chainHead.seq}),
    hash = ${slot('last')} where ${chainHead.id} = 1 and ${chainHead.hash} = ${slot('prevHash')} returning 1 as moved`,
);

/**
 * An entry with its chain links, as the row to insert. Written out field by field: copying an entry with
 * a spread and adding the links took V8's slow path, about 5 µs an entry (a page of 50 logs 200).
 */
const linked = (
  e: EntryContent,
  prevHash: string,
  hash: string,
): EntryContent & { prevHash: string; hash: string } => ({
  at: e.at,
  requestId: e.requestId,
  kind: e.kind,
  hetu: e.hetu,
  register: e.register,
  categories: e.categories,
  basis: e.basis,
  recipientSub: e.recipientSub,
  recipientOrg: e.recipientOrg,
  recipientRole: e.recipientRole,
  recipientAreas: e.recipientAreas,
  recipientMunicipality: e.recipientMunicipality,
  personArea: e.personArea,
  purpose: e.purpose,
  caseReference: e.caseReference,
  operationName: e.operationName,
  documentHash: e.documentHash,
  prevHash,
  hash,
});

/** How long the first entries wait for those of requests still under way before their commit starts. */
const GATHER_MS = 4;

export class AuditWriter {
  /** One commit at a time keeps the chain in order (shared/group-commit.ts). */
  private readonly commits = new GroupCommit<Pending>({
    commit: (batch) => this.flush(batch),
    gather: () => this.gather(),
  });
  /** commits so far, and entries per commit: for the load figures */
  readonly stats = { commits: 0, entries: 0 };
  /** the chain's head as this writer last wrote or read it; null when not known */
  private head: string | null = null;
  /** requests under way that may still bring entries (`expect`) */
  private coming = 0;
  /** ends the gathering wait early: called when the last request under way has brought its entries */
  private allArrived: (() => void) | null = null;

  constructor(
    private readonly db: Db<AuditSchema>,
    private readonly opts: {
      alerts?: AlertPolicy;
      /** makes the commit durable before anyone is told (Database.sync: PGlite's commit is not by itself) */
      sync?: () => Promise<void>;
    } = {},
  ) {}

  /**
   * A request that may write to the log has started. The function returned tells that it has appended its
   * entries or never will (calling it again does nothing); until then a commit waits for it, GATHER_MS at most.
   */
  expect(): () => void {
    this.coming++;
    let arrived = false;
    return () => {
      if (arrived) return;
      arrived = true;
      if (--this.coming === 0) this.allArrived?.();
    };
  }

  append(items: { entries: EntryContent[]; lookups: LookupRecord[] }): Promise<void> {
    if (items.entries.length === 0 && items.lookups.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => this.commits.add({ ...items, resolve, reject }));
  }

  /**
   * Before a run of commits starts: at once if no other request is under way, else once they have all
   * brought their entries or GATHER_MS has passed; while a commit is in flight, the next takes what
   * arrived as soon as it ends. Requests finishing together join the first commit: on PGlite, whose
   * subgraphs answer one request at a time, commits would otherwise never overlap, and every request
   * would pay a commit of its own. A request alone waits for nobody. (Requests whose bytes have arrived
   * but whose processing has not yet begun are counted after the turn of the event loop GroupCommit waits.)
   */
  private async gather(): Promise<void> {
    if (this.coming === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, GATHER_MS);
      this.allArrived = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.allArrived = null;
  }

  close(): Promise<void> {
    return this.commits.close();
  }

  private async flush(batch: Pending[]): Promise<void> {
    if (batch.length === 0) return;
    const started = performance.now();
    let written = 0;
    try {
      // On the head this writer last wrote, one statement; when another writer (a replica) has moved it
      // since, or it is not known yet, the transaction that reads and locks it first.
      const onHead = this.head === null ? null : await this.commitOnHead(this.head, batch);
      written = onHead ?? (await this.commitLocked(batch));
      this.stats.entries += written;
      // Acknowledged means durable: no response waiting on these entries leaves before this.
      await this.opts.sync?.();
      this.stats.commits++;
      countLogCommit((performance.now() - started) / 1000, written, batch.length);
      for (const p of batch) p.resolve();
    } catch (e) {
      this.head = null;
      countLogFailure();
      for (const p of batch) p.reject(e);
      return;
    }
    await this.raiseAlerts(batch.flatMap((p) => p.lookups)).catch((e) =>
      log.error({ error: describeError(e) }, 'access alert check failed'),
    );
  }

  /** The batch's entries chained onto `prevHash`, its look-ups, and the new head's hash. */
  private chained(prevHash: string, batch: Pending[]) {
    const rows = [];
    for (const p of batch) {
      for (const e of p.entries) {
        const hash = chainHash(prevHash, e);
        rows.push(linked(e, prevHash, hash));
        prevHash = hash;
      }
    }
    return { rows, lookupRows: batch.flatMap((p) => p.lookups), head: prevHash };
  }

  /** The transaction that reads and locks the head first; the number of entries written. */
  private async commitLocked(batch: Pending[]): Promise<number> {
    this.head = null;
    let written = 0;
    let moved: string | null = null;
    await this.db.transaction(async (tx) => {
      // The head row, made on the first commit, and locked: concurrent writers extend one chain in turn.
      const [head] = await tx
        .insert(chainHead)
        .values({ id: 1, seq: 0, hash: GENESIS_HASH })
        .onConflictDoUpdate({ target: chainHead.id, set: { id: sql`excluded.id` } })
        .returning({ hash: chainHead.hash });
      // Hashing and the rows to insert in one pass.
      const { rows, lookupRows, head: last } = this.chained(head!.hash, batch);
      // Entries, look-ups and the new head in one statement.
      const inserted = sql`inserted as (${groupedJsonInsert(entries, ENTRY_KEYS, rows)} returning ${entries.seq})`;
      const looked = lookupRows.length ? sql`, looked as (${jsonInsert(lookups, LOOKUP_KEYS, lookupRows)})` : sql``;
      await tx.execute(sql`with ${inserted}${looked}
        update ${chainHead} set seq = coalesce((select max(seq) from inserted), ${chainHead.seq}), hash = ${last}
        where ${chainHead.id} = 1`);
      written = rows.length;
      moved = last;
    });
    this.head = moved;
    return written;
  }

  /**
   * One statement (its own transaction): lock the head, and only if it is still `prevHash`, insert the
   * batch chained onto it and move the head. The number of entries written, or null when the head had
   * moved (another writer committed meanwhile) and nothing was written.
   */
  private async commitOnHead(prevHash: string, batch: Pending[]): Promise<number | null> {
    const { rows, lookupRows, head: last } = this.chained(prevHash, batch);
    const unmoved = sql`(select hash from head) = ${prevHash}`;
    const insert = groupedJsonInsert(entries, ENTRY_KEYS, rows, unmoved);
    const inserted = sql`inserted as (${insert} returning ${entries.seq})`;
    const looked = lookupRows.length
      ? sql`, looked as (${jsonInsert(lookups, LOOKUP_KEYS, lookupRows, unmoved)})`
      : sql``;
    const returned = await executeRows(
      this.db,
      sql`${HEAD_LOCKED}, ${inserted}${looked} ${moveHead({ last, prevHash })}`,
    );
    const moved = returned.length === 1;
    this.head = moved ? last : null;
    return moved ? rows.length : null;
  }

  /**
   * Unusual searches (act 906/2019 §23): many persons outside the caseload, or many invalid codes, within the window.
   */
  private async raiseAlerts(recent: LookupRecord[]): Promise<void> {
    const policy = this.opts.alerts ?? DEFAULT_ALERTS;
    const officials = new Map(recent.filter((l) => l.outcome !== 'IN_CASELOAD').map((l) => [l.sub, l]));
    if (officials.size === 0) return;
    const since = new Date(Date.now() - policy.windowMinutes * 60_000).toISOString();
    for (const [sub, l] of officials) {
      for (const [kind, outcome, limit] of [
        ['OUTSIDE_CASELOAD', 'OUTSIDE_CASELOAD', policy.outsideCaseload],
        ['INVALID_HETUS', 'INVALID_HETU', policy.invalidHetus],
      ] as const) {
        const counted =
          outcome === 'INVALID_HETU' ? sql<number>`count(*)`.mapWith(Number) : countDistinct(lookups.hetu);
        const [{ n } = { n: 0 }] = await this.db
          .select({ n: counted })
          .from(lookups)
          .where(and(eq(lookups.sub, sub), eq(lookups.outcome, outcome), gt(lookups.at, since)));
        if (n <= limit) continue;
        const [already] = await this.db
          .select({ id: accessAlerts.id })
          .from(accessAlerts)
          .where(and(eq(accessAlerts.sub, sub), eq(accessAlerts.kind, kind), gt(accessAlerts.at, since)))
          .limit(1);
        if (already) continue;
        await this.db.insert(accessAlerts).values({
          at: new Date().toISOString(),
          sub,
          org: l.org,
          role: l.role,
          areas: l.areas,
          kind,
          count: n,
          windowMinutes: policy.windowMinutes,
        });
        countAlert(kind);
        // The official's id (sub) is not logged: supervisors read who it was in the alert itself.
        log.warn({ kind, count: n, windowMinutes: policy.windowMinutes }, 'unusual-search alert raised');
      }
    }
  }
}
