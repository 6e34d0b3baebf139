// Renders the Kustomize overlays under deploy/kubernetes and validates every object against the
// Kubernetes API schemas (kubernetes-models: the OpenAPI schemas compiled for ajv, and its typed
// interfaces for unknown fields), without a cluster.
//
// Operators apply the overlays with `kubectl apply -k`; this renders the small part of Kustomize the
// manifests use (resources, namespace, labels, replicas, images, JSON 6902 patches) so that CI needs only
// npm packages. Any other kustomization field is refused rather than ignored, and when kubectl is on the
// PATH its own rendering must give the same objects.
//
//   npx tsx scripts/kubernetes.ts check                 render and validate every overlay (CI)
//   npx tsx scripts/kubernetes.ts render <directory>    print one rendering as YAML
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import ts from 'typescript';
import { parseAllDocuments, stringify } from 'yaml';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const KUBERNETES_DIR = join(REPO_ROOT, 'deploy/kubernetes');

// Manifests are arbitrary YAML until the schemas have checked them.
export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; [k: string]: any };
  [k: string]: any;
};

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  resources?: string[];
  namespace?: string;
  labels?: { pairs: Record<string, string>; includeTemplates?: boolean; includeSelectors?: boolean }[];
  replicas?: { name: string; count: number }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: { target: { kind?: string; name?: string }; patch: string }[];
}

const KNOWN_FIELDS = new Set([
  'apiVersion',
  'kind',
  'resources',
  'namespace',
  'labels',
  'replicas',
  'images',
  'patches',
]);
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass']);
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']);

const readYaml = (path: string): unknown[] =>
  parseAllDocuments(readFileSync(path, 'utf8')).flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]!.message}`);
    const value = doc.toJS();
    return value == null ? [] : [value];
  });

/** The objects `kubectl kustomize <dir>` gives, for the Kustomize features the manifests use. */
export function render(dir: string): K8sObject[] {
  const file = join(dir, 'kustomization.yaml');
  const [k] = readYaml(file) as [Kustomization];
  for (const field of Object.keys(k))
    if (!KNOWN_FIELDS.has(field))
      throw new Error(`${file}: "${field}" is not rendered here; extend scripts/kubernetes.ts`);
  let objects: K8sObject[] = [];
  for (const entry of k.resources ?? []) {
    const path = resolve(dir, entry);
    objects.push(...(statSync(path).isDirectory() ? render(path) : (readYaml(path) as K8sObject[])));
  }
  for (const { target, patch } of k.patches ?? []) {
    const ops = parseAllDocuments(patch)[0]!.toJS() as PatchOp[];
    const matched = objects.filter(
      (o) => (!target.kind || o.kind === target.kind) && (!target.name || o.metadata.name === target.name),
    );
    if (matched.length === 0) throw new Error(`${file}: a patch matches no object`);
    for (const o of matched) applyPatch(o, ops);
  }
  for (const { name, count } of k.replicas ?? []) {
    const matched = objects.filter((o) => WORKLOADS.has(o.kind) && o.metadata.name === name);
    if (matched.length === 0) throw new Error(`${file}: replicas for ${name}, which is not here`);
    for (const o of matched) o.spec.replicas = count;
  }
  for (const image of k.images ?? []) {
    for (const o of objects.filter((x) => WORKLOADS.has(x.kind))) {
      const spec = o.spec.template.spec;
      for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
        const [name, tag] = splitImage(c.image);
        const newTag = image.newTag ?? tag;
        if (name === image.name) c.image = `${image.newName ?? name}${newTag ? `:${newTag}` : ''}`;
      }
    }
  }
  for (const { pairs, includeTemplates, includeSelectors } of k.labels ?? []) {
    if (includeSelectors) throw new Error(`${file}: labels with includeSelectors are not rendered here`);
    for (const o of objects) {
      o.metadata.labels = { ...o.metadata.labels, ...pairs };
      if (includeTemplates && WORKLOADS.has(o.kind))
        o.spec.template.metadata.labels = { ...o.spec.template.metadata.labels, ...pairs };
    }
  }
  if (k.namespace) {
    objects = objects.map((o) =>
      CLUSTER_SCOPED.has(o.kind) ? o : { ...o, metadata: { ...o.metadata, namespace: k.namespace } },
    );
  }
  return objects;
}

const splitImage = (image: string): [string, string | undefined] => {
  const at = image.lastIndexOf(':');
  return at > image.lastIndexOf('/') ? [image.slice(0, at), image.slice(at + 1)] : [image, undefined];
};

type PatchOp = { op: 'add' | 'replace' | 'remove'; path: string; value?: unknown };

/** RFC 6902 add, replace and remove (the operations the overlays use). */
function applyPatch(target: K8sObject, ops: PatchOp[]): void {
  for (const { op, path, value } of ops) {
    const keys = path
      .split('/')
      .slice(1)
      .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
    const last = keys.pop()!;
    let parent: any = target;
    for (const key of keys) {
      parent = parent?.[key];
      if (parent === undefined) throw new Error(`patch path ${path} does not exist in ${target.metadata.name}`);
    }
    if (op !== 'add' && !(last in parent))
      throw new Error(`patch path ${path} does not exist in ${target.metadata.name}`);
    if (op === 'remove') Array.isArray(parent) ? parent.splice(Number(last), 1) : delete parent[last];
    else if (Array.isArray(parent) && op === 'add')
      parent.splice(last === '-' ? parent.length : Number(last), 0, value);
    else if (op === 'add' || op === 'replace') parent[last] = structuredClone(value);
    else throw new Error(`patch operation ${op} is not rendered here`);
  }
}

/** Schema errors of one object, or [] when it is valid for its apiVersion and kind. */
export async function schemaErrors(o: K8sObject): Promise<string[]> {
  const group = o.apiVersion.includes('/') ? o.apiVersion : `v1`;
  let models: Record<string, { new (data: unknown): { validate(): void } }>;
  try {
    models = await import(`kubernetes-models/${group}`);
  } catch {
    return [`unknown apiVersion ${o.apiVersion}`];
  }
  const Model = models[o.kind];
  if (!Model) return [`unknown kind ${o.kind} in ${o.apiVersion}`];
  try {
    new Model(o).validate();
    return [];
  } catch (e) {
    return String((e as Error).message).split(', ');
  }
}

/**
 * Fields the Kubernetes API does not know (a misspelt `readinesProbe` would otherwise pass: the schemas'
 * validators allow extra properties, and the API server drops them). TypeScript's excess-property check of
 * each object against the package's typed interface (`IDeployment`, …) finds them, at any depth.
 */
export function unknownFields(objects: K8sObject[]): string[] {
  const file = join(REPO_ROOT, '__kubernetes_fields__.ts');
  const lines = objects.map((o, i) => {
    const group = o.apiVersion.includes('/') ? o.apiVersion : 'v1';
    // Two lines per object: a diagnostic's line number tells which object it is about.
    const type = `import type { I${o.kind} as T${i} } from 'kubernetes-models/${group}';`;
    return `${type}\nexport const o${i}: T${i} = ${JSON.stringify(o)};`;
  });
  const source = lines.join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, version, ...rest) =>
    name === file ? ts.createSourceFile(name, source, version) : getSourceFile(name, version, ...rest);
  host.fileExists = (name) => name === file || fileExists(name);
  host.readFile = (name) => (name === file ? source : readFile(name));
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
    const o = objects[Math.floor(line / 2)]!;
    return `${key(o)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

export const overlays = (): string[] =>
  readdirSync(join(KUBERNETES_DIR, 'overlays')).map((name) => join(KUBERNETES_DIR, 'overlays', name));

const key = (o: K8sObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** kubectl's own rendering, when kubectl is installed; undefined when it is not. */
export function kubectlRender(dir: string): K8sObject[] | undefined {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const text = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  return parseAllDocuments(text).map((d) => d.toJS() as K8sObject);
}

/** Differences between two renderings, by object. */
export function differences(ours: K8sObject[], theirs: K8sObject[]): string[] {
  const a = new Map(ours.map((o) => [key(o), o]));
  const b = new Map(theirs.map((o) => [key(o), o]));
  const out: string[] = [];
  for (const k of a.keys()) if (!b.has(k)) out.push(`${k}: only here`);
  for (const [k, o] of b) {
    if (!a.has(k)) out.push(`${k}: only in kubectl's rendering`);
    else if (!isDeepStrictEqual(a.get(k), o)) out.push(`${k}: differs from kubectl's rendering`);
  }
  return out;
}

async function check(): Promise<number> {
  let failures = 0;
  for (const dir of overlays()) {
    const name = relative(KUBERNETES_DIR, dir);
    const objects = render(dir);
    for (const o of objects) {
      const errors = await schemaErrors(o);
      for (const e of errors) console.error(`${name}: ${key(o)}: ${e}`);
      failures += errors.length;
    }
    const unknown = unknownFields(objects);
    for (const u of unknown) console.error(`${name}: ${u}`);
    failures += unknown.length;
    const theirs = kubectlRender(dir);
    const diff = theirs ? differences(objects, theirs) : [];
    for (const d of diff) console.error(`${name}: ${d}`);
    failures += diff.length;
    const kinds = [...new Set(objects.map((o) => o.kind))].map(
      (k) => `${objects.filter((o) => o.kind === k).length} ${k}`,
    );
    console.log(
      `${name}: ${objects.length} objects (${kinds.join(', ')}) valid against the Kubernetes schemas, ` +
        'no unknown field; ' +
        (theirs ? `the same as kubectl kustomize renders` : 'kubectl not installed, not compared'),
    );
  }
  return failures;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, dir] = process.argv.slice(2);
  if (command === 'check') {
    const failures = await check();
    if (failures > 0) {
      console.error(`${failures} problem(s) in the Kubernetes manifests`);
      process.exit(1);
    }
  } else if (command === 'render' && dir && existsSync(join(dir, 'kustomization.yaml'))) {
    process.stdout.write(
      render(resolve(dir))
        .map((o) => stringify(o))
        .join('---\n'),
    );
  } else {
    console.error('usage: tsx scripts/kubernetes.ts check | render <directory with a kustomization.yaml>');
    process.exit(2);
  }
}
