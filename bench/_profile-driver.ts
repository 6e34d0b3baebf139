// Profiling driver (temporary): the project on PostgreSQL, one view at a time under load.
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { arg, post, startBenchSystem, throughput, UNIFIED_PERSON } from './support.ts';
const REQUESTS = arg('requests', 300);
const view = process.argv.includes('--page')
  ? `{ caseload(area: "ita-uusimaa", first: 50) { nodes { ${UNIFIED_PERSON} } } }`
  : `{ client(hetu: "150385-9013") { ${UNIFIED_PERSON} } }`;
const project = await startBenchSystem(500);
try {
  const token = await project.system.token({ org: 'kela', role: 'work-ability-specialist', areas: ['ita-uusimaa'] });
  const once = async () => {
    const r = await post(project.system.url, token, 'COORDINATION', view);
    if (r.status !== 200 || r.body.errors) throw new Error(JSON.stringify(r.body).slice(0, 300));
  };
  for (let i = 0; i < 50; i++) await once();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const t = performance.now();
  for (let i = 0; i < 50; i++) await once();
  console.log(`sequential mean ${((performance.now() - t) / 50).toFixed(1)} ms`);
  console.log(`rps@8 ${(await throughput(once, REQUESTS, 8)).toFixed(1)}`);
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(process.env.PROF_OUT ?? '/tmp/perfprof/load.cpuprofile', JSON.stringify(profile));
} finally {
  await project.close();
}
