// The Kubernetes manifests (deploy/kubernetes) against the contract, as docker-compose.test.ts checks the
// compose file: names, ports, variables the code reads, secrets as files, probes, and the hardening the
// README promises. Every rendered object is also checked against the Kubernetes API schemas.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT } from '../shared/config.ts';
// `npx tsx scripts/kubernetes.ts check` (CI) also compares the rendering with kubectl's where it is installed.
import {
  type K8sObject,
  KUBERNETES_DIR,
  overlays,
  render,
  schemaErrors,
  unknownFields,
} from '../scripts/kubernetes.ts';

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const SERVICES = { gateway: 4000, joint: 4001, employment: 4002, wellbeing: 4003, kela: 4004 } as const;
const SUBGRAPHS = ['joint', 'employment', 'wellbeing', 'kela'] as const;
const SECRETS = '/run/secrets/tym';

const production = render(join(KUBERNETES_DIR, 'overlays/production'));
const find = (kind: string, name: string): K8sObject => {
  const o = production.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind} ${name}`);
  return o;
};
const container = (service: string) => find('Deployment', `tym-${service}`).spec.template.spec.containers[0];
const env = (service: string): Record<string, string> =>
  Object.fromEntries(container(service).env.map((e: { name: string; value: string }) => [e.name, e.value]));

/** Every environment variable the product code reads (as docker-compose.test.ts finds them). */
function variablesRead(): Set<string> {
  // shared/config.ts reads every variable the system reads, and declares each in ENVIRONMENT
  // (test/config.test.ts holds it to that).
  return new Set(ENVIRONMENT.map((v) => v.name));
}

describe('Kubernetes manifests', () => {
  it.each(overlays().map((dir) => [dir.split('/').pop()!, dir]))(
    'overlay %s renders to objects valid against the Kubernetes schemas',
    async (_name, dir) => {
      const objects = render(dir);
      expect(objects.length).toBeGreaterThan(20);
      for (const o of objects) expect(await schemaErrors(o), `${o.kind} ${o.metadata.name}`).toEqual([]);
    },
  );

  it('the schema check refuses an invalid object', async () => {
    const broken = structuredClone(find('Deployment', 'tym-gateway'));
    broken.spec.replicas = 'three';
    delete broken.spec.selector;
    const errors = await schemaErrors(broken);
    expect(errors.join('\n')).toMatch(/replicas must be integer/);
    expect(errors.join('\n')).toMatch(/selector/);
    expect(await schemaErrors({ ...broken, kind: 'Deploymnet' })).toEqual(['unknown kind Deploymnet in apps/v1']);
  });

  it('knows every field of the production objects, and finds a misspelt one', () => {
    const misspelt = structuredClone(find('Deployment', 'tym-kela'));
    misspelt.metadata.name = 'misspelt';
    misspelt.spec.template.spec.containers[0].readinesProbe = {};
    expect(unknownFields([...production, misspelt])).toEqual([
      `Deployment/tym/misspelt: Object literal may only specify known properties, and '"readinesProbe"' does not ` +
        `exist in type 'IContainer'.`,
    ]);
  });

  it.each(Object.entries(SERVICES))(
    'runs %s as `tym serve` from the image on port %i, with its Service',
    (name, port) => {
      const c = container(name);
      expect(c.command).toEqual(['node', 'bin/tym.js', 'serve', name]);
      expect(c.image).toMatch(/^tym-gateway:/);
      expect(c.ports).toContainEqual({ name: 'http', containerPort: port });
      expect(env(name).PORT).toBe(String(port));
      expect(env(name).NODE_ENV).toBe('production');
      expect(env(name).TYM_HOST).toBe('0.0.0.0');
      const service = find('Service', `tym-${name}`);
      expect(service.spec.selector).toEqual({ 'app.kubernetes.io/name': `tym-${name}` });
      expect(service.spec.ports).toEqual([{ name: 'http', port, targetPort: 'http' }]);
    },
  );

  it('points the gateway at each subgraph Service', () => {
    const e = env('gateway');
    for (const n of SUBGRAPHS) expect(e[`TYM_${n.toUpperCase()}_URL`]).toBe(`http://tym-${n}:${SERVICES[n]}/graphql`);
  });

  it('sets only variables the code reads and the contract names', () => {
    const read = variablesRead();
    const contract = readFileSync(root('docs/CONTRACT.md'), 'utf8');
    for (const name of Object.keys(SERVICES)) {
      for (const variable of Object.keys(env(name))) {
        expect(read.has(variable), `${name} sets ${variable}, which the code does not read`).toBe(true);
        // The contract names the subgraph URLs as a range, `TYM_JOINT_URL` … `TYM_KELA_URL`.
        const named = /^TYM_[A-Z]+_URL$/.test(variable) ? 'TYM_(JOINT|KELA)_URL' : variable;
        expect(contract, `${variable} is not in docs/CONTRACT.md`).toMatch(new RegExp(`\`${named}[\`=]`));
      }
    }
  });

  it('gives each service its own Secret as read-only files, the signing key and issuers to the gateway alone', () => {
    for (const name of Object.keys(SERVICES)) {
      const pod = find('Deployment', `tym-${name}`).spec.template.spec;
      const e = env(name);
      expect(e.DATABASE_URL, 'a password in the environment').toBeUndefined();
      expect(e.DATABASE_URL_FILE).toBe(`${SECRETS}/database-url`);
      expect(e.TYM_TICKET_PUBLIC_KEY).toBe(`${SECRETS}/ticket.public.jwk.json`);
      const volume = pod.volumes.find((v: { name: string }) => v.name === 'secrets');
      expect(volume.secret.secretName).toBe(`tym-${name}`);
      expect(volume.secret.defaultMode).toBe(0o440);
      expect(container(name).volumeMounts).toContainEqual({ name: 'secrets', mountPath: SECRETS, readOnly: true });
      for (const [variable, value] of Object.entries(e))
        if (value.startsWith('/') && variable !== 'TYM_DATA_DIR')
          expect(value, variable).toMatch(new RegExp(`^${SECRETS}/[a-z.-]+$`));
    }
    expect(env('gateway').TYM_TICKET_PRIVATE_KEY).toBe(`${SECRETS}/ticket.private.jwk.json`);
    expect(env('gateway').TYM_ISSUERS).toBe(`${SECRETS}/issuers.json`);
    for (const n of SUBGRAPHS) {
      expect(env(n).TYM_TICKET_PRIVATE_KEY).toBeUndefined();
      expect(env(n).TYM_ISSUERS).toBeUndefined();
    }
  });

  it.each(Object.keys(SERVICES))('%s: probes, resources, non-root read-only container, metrics port', (name) => {
    const deployment = find('Deployment', `tym-${name}`);
    const pod = deployment.spec.template.spec;
    const c = container(name);
    expect(c.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    expect(c.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
    for (const r of ['cpu', 'memory']) {
      expect(c.resources.requests[r]).toBeDefined();
      expect(c.resources.limits[r]).toBeDefined();
    }
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000 });
    expect(pod.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    expect(c.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.enableServiceLinks).toBe(false);
    expect(c.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
    // `tym serve` writes its operator credential under TYM_DATA_DIR: it must be on the writable volume.
    expect(env(name).TYM_DATA_DIR).toMatch(/^\/tmp\//);
    expect(pod.volumes).toContainEqual({ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } });
    expect(c.ports).toContainEqual({ name: 'metrics', containerPort: 9464 });
    expect(env(name).TYM_METRICS_PORT).toBe('9464');
    expect(deployment.spec.template.metadata.annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '9464',
    });
  });

  it.each(Object.keys(SERVICES))('%s runs several replicas under a PodDisruptionBudget', (name) => {
    const deployment = find('Deployment', `tym-${name}`);
    const pdb = find('PodDisruptionBudget', `tym-${name}`);
    expect(pdb.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
    expect(deployment.spec.replicas).toBeGreaterThan(pdb.spec.maxUnavailable);
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(name === 'gateway' ? 3 : 2);
  });

  it('lets only the gateway reach a subgraph, and only the monitoring namespace the metrics ports', () => {
    const deny = find('NetworkPolicy', 'tym-default-deny');
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    for (const n of SUBGRAPHS) {
      const policy = find('NetworkPolicy', `tym-${n}`);
      expect(policy.spec.podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': `tym-${n}` });
      expect(policy.spec.ingress).toEqual([
        {
          from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'tym-gateway' } } }],
          ports: [{ port: 'http' }],
        },
        {
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
          ports: [{ port: 'metrics' }],
        },
      ]);
    }
    const gateway = find('NetworkPolicy', 'tym-gateway');
    expect(gateway.spec.ingress).toContainEqual({ ports: [{ port: 'http' }] });
    expect(JSON.stringify(gateway.spec.ingress)).not.toMatch(/"port":"metrics"\}\]\}$/);
    expect(
      gateway.spec.ingress.find((r: { ports: { port: string }[] }) => r.ports[0]!.port === 'metrics').from,
    ).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }]);
  });

  it('enforces the restricted Pod Security Standard on the namespace', () => {
    const ns = production.find((o) => o.kind === 'Namespace')!;
    expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    for (const o of production.filter((x) => x.kind !== 'Namespace'))
      expect(o.metadata.namespace).toBe(ns.metadata.name);
  });
});
