// The daily four-year deletion (docs/LAW.md rule 11) runs by itself at the configured Helsinki time,
// keeps what is under legal hold, and says what it deleted. The clock is moved, not waited for.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { OpenSubgraph } from '../shared/service.ts';
import { buildWorld } from '../seed/world.ts';
import { SUBGRAPH_SERVICES } from '../subgraphs/index.ts';
import { customerships } from '../subgraphs/joint/db/schema.ts';
import { nextRetentionRun, scheduleRetention, type RetentionReport } from '../subgraphs/joint/retention.ts';

describe('scheduled retention', () => {
  let joint: OpenSubgraph;
  const db = () => joint.database.db as any;
  const rows = async (where: any) =>
    (await db().select({ n: count() }).from(customerships).where(where))[0].n as number;

  beforeAll(async () => {
    joint = await SUBGRAPH_SERVICES.joint.open({ kind: 'pglite', dir: null });
    await joint.seed(buildWorld({ clients: 60, seed: 5, today: '2026-06-10' }));
  }, 120_000);
  afterAll(async () => {
    vi.useRealTimers();
    await joint?.close();
  });

  it('finds the next run on Helsinki wall-clock time, across the daylight-saving change', () => {
    // 02:58 in Helsinki (summer, UTC+3): today at 03:00.
    expect(nextRetentionRun('03:00', new Date('2026-06-09T23:58:00Z')).toISOString()).toBe('2026-06-10T00:00:00.000Z');
    // Just past 03:00: tomorrow.
    expect(nextRetentionRun('03:00', new Date('2026-06-10T00:00:00Z')).toISOString()).toBe('2026-06-11T00:00:00.000Z');
    // Summer time ends on 25 October 2026 at 04:00 EEST: 03:00 comes twice that night, and it runs once.
    expect(nextRetentionRun('03:00', new Date('2026-10-24T12:00:00Z')).toISOString()).toBe('2026-10-25T01:00:00.000Z');
    expect(nextRetentionRun('03:00', new Date('2026-10-25T12:00:00Z')).toISOString()).toBe('2026-10-26T01:00:00.000Z');
    // It begins on 29 March 2026 at 03:00 EET: there is no 03:00 that night, and it runs at 04:00.
    expect(nextRetentionRun('03:00', new Date('2026-03-28T12:00:00Z')).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(nextRetentionRun('03:00', new Date('2026-03-29T12:00:00Z')).toISOString()).toBe('2026-03-30T00:00:00.000Z');
  });

  it('deletes at 03:00 without being asked, logs the totals, ' +
    'keeps legal holds, and runs again the next night', async () => {
    const expired = rows(and(eq(customerships.hetu, '121260-9075')));
    expect(await expired).toBeGreaterThan(0);
    const held = await rows(isNotNull(customerships.legalHoldReason));

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2026-06-09T23:58:00Z')); // 02:58 in Helsinki
    const logged: string[] = [];
    const runs: (RetentionReport | Error)[] = [];
    let ran: () => void = () => {};
    const schedule = scheduleRetention(db(), {
      at: '03:00',
      log: (l) => logged.push(l),
      onRun: (r) => {
        runs.push(r);
        ran();
      },
    });

    await vi.advanceTimersByTimeAsync(60_000); // 02:59: not yet
    expect(runs).toHaveLength(0);
    const first = new Promise<void>((resolve) => {
      ran = resolve;
    });
    await vi.advanceTimersByTimeAsync(61_000); // 03:00:01
    vi.useRealTimers(); // the deletion itself runs on the real clock's timers
    await first;
    expect(runs[0]).not.toBeInstanceOf(Error);
    const report = runs[0] as RetentionReport;
    expect(report.dryRun).toBe(false);
    expect(report.lines.map((l) => l.hetu)).toContain('121260-9075');
    expect(await rows(eq(customerships.hetu, '121260-9075'))).toBe(0);
    expect(await rows(isNotNull(customerships.legalHoldReason))).toBe(held);
    expect(logged[0]).toMatch(
      new RegExp(`^retention: deleted .* ${report.totals.persons} person\\(s\\).*kept under legal hold$`),
    );
    expect(logged[0]).not.toContain('121260-9075'); // totals, not whose

    // The next night: nothing left to delete, and it still runs.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2026-06-10T23:59:30Z'));
    await schedule.stop();
    const again = scheduleRetention(db(), {
      at: '03:00',
      log: (l) => logged.push(l),
      onRun: (r) => {
        runs.push(r);
        ran();
      },
    });
    const second = new Promise<void>((resolve) => {
      ran = resolve;
    });
    await vi.advanceTimersByTimeAsync(31_000);
    vi.useRealTimers();
    await second;
    expect((runs[1] as RetentionReport).totals.persons).toBe(0);
    await again.stop();
  }, 120_000);
});
