/**
 * What tests/deploy-manifests.test.ts asks of the Kubernetes manifests in docker/k8s, as one function
 * that returns every problem it finds (so that a broken copy can be shown to be reported): each
 * document valid against the Kubernetes schema of its kind (kubernetes-models), and the documents
 * consistent with each other and with the code — selectors that select, ports that exist, probes on
 * the paths the processes serve, every environment variable one the process reads, every reference
 * to a Secret or ConfigMap defined, the network reachable only as network-policies.yaml promises.
 * Longer than 300 lines would be: it stays one list of checks, in the order the test names them.
 */
import { readFileSync } from 'node:fs';
import { ConfigMap, Namespace, PersistentVolumeClaim, Secret, Service } from 'kubernetes-models/v1';
import type { IContainer, IPodTemplateSpec, IProbe } from 'kubernetes-models/v1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { CronJob } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { EndpointSlice } from 'kubernetes-models/discovery.k8s.io/v1';
import type { IIoK8sApimachineryPkgApisMetaV1LabelSelector as LabelSelector } from '@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector';
import { readGatewayConfig, readSubgraphUrls } from '../../gateway/config.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';

/** One parsed YAML document, as written. */
export interface Manifest {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

interface Model {
  validate(): void;
}
const MODELS: Record<string, new (data: never) => Model> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'batch/v1/CronJob': CronJob,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'discovery.k8s.io/v1/EndpointSlice': EndpointSlice,
};

const source = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
/** The variables a file reads: `env['NAME']`, `process.env['NAME']` and a reader's `(env, 'NAME'`. */
const variablesReadBy = (path: string) => [...source(path).matchAll(/(?:env\[|\(env, )['"]([A-Z][A-Z0-9_]+)['"]/g)].map((match) => match[1]!);
/** The GET routes a server file declares: `app.get('/path'`. */
const routesOf = (path: string) => [...source(path).matchAll(/app\.get\('([^']+)'/g)].map((match) => match[1]!);

// The exporter reads the specification's OTLP settings itself (headers, timeout, …); start-tracing reads the service name.
const isOtlpSetting = (name: string) => /^OTEL_EXPORTER_OTLP_[A-Z_]+$/.test(name);
const TRACING = [...variablesReadBy('platform/observe/tracing.ts'), ...variablesReadBy('scripts/start-tracing.ts')];

/** What each launcher a container may run reads from its environment, and the paths its server answers. */
const PROCESSES: Record<string, { variables: ReadonlySet<string>; paths: readonly string[] }> = {
  'scripts/gateway.ts': {
    variables: new Set([...variablesReadBy('gateway/config.ts'), ...TRACING]),
    paths: routesOf('gateway/create-gateway.ts'),
  },
  'scripts/start-subgraphs.ts': {
    variables: new Set([...variablesReadBy('gateway/config.ts'), ...variablesReadBy('scripts/start-subgraphs.ts'), ...TRACING]),
    paths: routesOf('subgraphs/shared/create-subgraph-server.ts'),
  },
};

/**
 * What each command a CronJob may run reads from its environment (it serves nothing, so has no probes),
 * and the flags it must be given that name a directory it only reads: each a read-only mount of a
 * volume claim of the manifests (the audit verification reads the archives the archive wrote).
 */
const JOBS: Record<string, { variables: ReadonlySet<string>; readOnlyDirectoryFlags: readonly string[] }> = {
  'scripts/audit-verify.ts': { variables: new Set([...variablesReadBy('gateway/config.ts'), ...TRACING]), readOnlyDirectoryFlags: ['--archives'] },
};

interface Workload {
  kind: string;
  name: string;
  labels: Record<string, string>;
  pod: IPodTemplateSpec;
  containers: IContainer[];
  /** A StatefulSet's volume claim templates: volumes of each pod too. */
  claims: string[];
}

const key = (manifest: Manifest) => `${manifest.kind}/${manifest.metadata?.name ?? '?'}`;
const matchesLabels = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  Object.entries(selector ?? {}).every(([name, value]) => labels[name] === value);

function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  return (
    matchesLabels(selector.matchLabels, labels) &&
    (selector.matchExpressions ?? []).every((expression) => {
      const value = labels[expression.key];
      if (expression.operator === 'In') return value !== undefined && (expression.values ?? []).includes(value);
      if (expression.operator === 'NotIn') return value === undefined || !(expression.values ?? []).includes(value);
      if (expression.operator === 'Exists') return value !== undefined;
      return value === undefined;
    })
  );
}

const hasPort = (containers: IContainer[], port: string | number | undefined) =>
  containers.some((container) => (container.ports ?? []).some((p) => p.name === port || p.containerPort === port));

/** Every problem of these manifests; none when they are fine. */
export function checkManifests(manifests: readonly Manifest[], kustomizationResources?: { listed: string[]; files: string[] }): string[] {
  const problems: string[] = [];
  const problem = (text: string) => problems.push(text);
  const ofKind = <T>(kind: string) => manifests.filter((manifest) => manifest.kind === kind) as unknown as Array<T & Manifest>;

  // 1. Each document against the Kubernetes schema of its kind.
  for (const manifest of manifests) {
    const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
    if (!Model) {
      problem(`${key(manifest)}: no schema for ${manifest.apiVersion} ${manifest.kind}`);
      continue;
    }
    try {
      new Model(manifest as never).validate();
    } catch (error) {
      problem(`${key(manifest)}: ${(error as Error).message}`);
    }
  }
  const namespaces = ofKind<Manifest>('Namespace').map((namespace) => namespace.metadata?.name);
  for (const manifest of manifests) {
    if (manifest.kind !== 'Namespace' && !namespaces.includes(manifest.metadata?.namespace))
      problem(`${key(manifest)}: namespace ${manifest.metadata?.namespace} is not one of the manifests`);
  }
  if (kustomizationResources) {
    const { listed, files } = kustomizationResources;
    if ([...listed].sort().join() !== [...files].sort().join()) problem(`kustomization lists ${listed.join(', ')}, the directory holds ${files.join(', ')}`);
  }

  // 2. Workloads: an image, a selector that selects its own pods, a hardened pod, probes on served paths and existing ports.
  const workloads: Workload[] = [...ofKind<Deployment>('Deployment'), ...ofKind<StatefulSet>('StatefulSet')].map((workload) => ({
    kind: workload.kind,
    name: workload.metadata?.name ?? '?',
    labels: workload.spec?.template.metadata?.labels ?? {},
    pod: workload.spec!.template,
    containers: workload.spec?.template.spec?.containers ?? [],
    claims: (workload.kind === 'StatefulSet' ? ((workload as StatefulSet).spec?.volumeClaimTemplates ?? []) : []).map((claim) => claim.metadata?.name ?? '?'),
  }));
  const secrets = new Map(ofKind<Secret>('Secret').map((secret) => [secret.metadata?.name, { ...secret.data, ...secret.stringData }]));
  const configMaps = new Map(ofKind<ConfigMap>('ConfigMap').map((map) => [map.metadata?.name, map.data ?? {}]));
  const claims = new Set(ofKind<PersistentVolumeClaim>('PersistentVolumeClaim').map((claim) => claim.metadata?.name));
  for (const workload of [...ofKind<Deployment>('Deployment'), ...ofKind<StatefulSet>('StatefulSet')]) {
    if (!selects(workload.spec?.selector, workload.spec?.template.metadata?.labels ?? {}))
      problem(`${key(workload)}: its selector does not select its own pods`);
  }
  // Scheduled jobs: hardened like the workloads, a command of the platform, variables it reads; no Service, probe or budget.
  const jobs: Workload[] = ofKind<CronJob>('CronJob').map((job) => {
    const template = job.spec?.jobTemplate.spec?.template ?? {};
    return {
      kind: 'CronJob',
      name: job.metadata?.name ?? '?',
      labels: template.metadata?.labels ?? {},
      pod: template,
      containers: template.spec?.containers ?? [],
      claims: [],
    };
  });
  for (const workload of [...workloads, ...jobs]) {
    const where = `${workload.kind}/${workload.name}`;
    const pod = workload.pod.spec;
    if (pod?.securityContext?.runAsNonRoot !== true) problem(`${where}: the pod does not run as non-root`);
    if (pod?.automountServiceAccountToken !== false) problem(`${where}: mounts a service account token it does not use`);
    for (const container of workload.containers) {
      const at = `${where} container ${container.name}`;
      if (!container.image) problem(`${at}: no image`);
      if (container.securityContext?.readOnlyRootFilesystem !== true) problem(`${at}: root filesystem is writable`);
      if (container.securityContext?.allowPrivilegeEscalation !== false) problem(`${at}: may escalate privileges`);
      if (!container.resources?.requests?.['memory'] || !container.resources?.limits?.['memory']) problem(`${at}: no memory request and limit`);
      if (workload.kind === 'CronJob') {
        const job = JOBS[(container.command ?? []).find((part) => part.startsWith('scripts/')) ?? ''];
        if (!job) problem(`${at}: runs ${JSON.stringify(container.command)}, which is not a job of the platform`);
        else {
          checkEnvironment(at, container, workload, job.variables, { secrets, configMaps }, problem);
          checkDirectoryFlags(at, container, workload, job.readOnlyDirectoryFlags, claims, problem);
        }
        continue;
      }
      const launcher = PROCESSES[(container.command ?? []).find((part) => part.startsWith('scripts/')) ?? ''];
      if (!launcher) {
        problem(`${at}: runs ${JSON.stringify(container.command)}, which is not a launcher of the platform`);
        continue;
      }
      const probes: Array<[string, IProbe | undefined]> = [
        ['readiness', container.readinessProbe],
        ['liveness', container.livenessProbe],
        ['startup', container.startupProbe],
      ];
      for (const [kind, probe] of probes) {
        if (!probe) {
          if (kind !== 'startup') problem(`${at}: no ${kind} probe`);
          continue;
        }
        if (!probe.httpGet) problem(`${at}: the ${kind} probe is not an HTTP GET`);
        else if (!launcher.paths.includes(probe.httpGet.path ?? ''))
          problem(`${at}: the ${kind} probe asks ${probe.httpGet.path}, which the process does not serve`);
        else if (!hasPort([container], probe.httpGet.port)) problem(`${at}: the ${kind} probe's port ${probe.httpGet.port} is not a container port`);
      }
      checkEnvironment(at, container, workload, launcher.variables, { secrets, configMaps }, problem);
    }
  }

  // 3. Services select pods and reach their ports; a Service without a selector has an EndpointSlice.
  const slices = ofKind<EndpointSlice>('EndpointSlice');
  for (const service of ofKind<Service>('Service')) {
    const spec = service.spec ?? {};
    if (spec.type === 'ExternalName') {
      if (!spec.externalName) problem(`${key(service)}: an ExternalName Service without externalName`);
      continue;
    }
    if (!spec.selector) {
      const slice = slices.find((candidate) => candidate.metadata?.labels?.['kubernetes.io/service-name'] === service.metadata?.name);
      if (!slice) problem(`${key(service)}: neither a selector nor an EndpointSlice`);
      else
        for (const port of spec.ports ?? [])
          if (!(slice.ports ?? []).some((p) => p.name === port.name)) problem(`${key(service)}: port ${port.name} not in its EndpointSlice`);
      continue;
    }
    const selected = workloads.filter((workload) => matchesLabels(spec.selector, workload.labels));
    if (selected.length === 0) problem(`${key(service)}: selects no pod`);
    for (const port of spec.ports ?? []) {
      for (const workload of selected)
        if (!hasPort(workload.containers, port.targetPort ?? port.port))
          problem(`${key(service)}: port ${port.targetPort ?? port.port} is not a container port of ${workload.name}`);
    }
  }

  // 4. Every workload under a disruption budget that selects it.
  const budgets = ofKind<PodDisruptionBudget>('PodDisruptionBudget');
  for (const budget of budgets) {
    if (!workloads.some((workload) => selects(budget.spec?.selector, workload.labels))) problem(`${key(budget)}: selects no pod`);
  }
  for (const workload of workloads) {
    if (!budgets.some((budget) => selects(budget.spec?.selector, workload.labels))) problem(`${workload.kind}/${workload.name}: no PodDisruptionBudget`);
  }

  checkNetworkPolicies(ofKind<NetworkPolicy>('NetworkPolicy'), workloads, problem);
  checkIngresses(ofKind<Ingress>('Ingress'), ofKind<Service>('Service'), workloads, problem);
  checkSubgraphs(workloads, ofKind<Service>('Service'), problem);
  return problems;
}

/** Each flag given, its value the mount path of a read-only mount of a volume claim the manifests define, read-only in the pod too. */
function checkDirectoryFlags(
  at: string,
  container: IContainer,
  workload: Workload,
  flags: readonly string[],
  claims: ReadonlySet<string | undefined>,
  problem: (text: string) => void,
): void {
  const command = container.command ?? [];
  for (const flag of flags) {
    const index = command.indexOf(flag);
    if (index < 0) {
      problem(`${at}: runs without ${flag}`);
      continue;
    }
    const path = command[index + 1];
    const mount = (container.volumeMounts ?? []).find((candidate) => candidate.mountPath === path);
    const claim = mount && (workload.pod.spec?.volumes ?? []).find((volume) => volume.name === mount.name)?.persistentVolumeClaim;
    if (!mount || !claim) problem(`${at}: ${flag} ${path} is not a mounted volume claim`);
    else if (!claims.has(claim.claimName)) problem(`${at}: ${flag} ${path} mounts claim ${claim.claimName}, which is not defined`);
    else if (mount.readOnly !== true || claim.readOnly !== true) problem(`${at}: ${flag} ${path} is mounted writable; the job only reads it`);
  }
}

/** Every variable one the process reads; every reference defined; every key file in a mounted Secret; the whole accepted by the config reader. */
function checkEnvironment(
  at: string,
  container: IContainer,
  workload: Workload,
  known: ReadonlySet<string>,
  { secrets, configMaps }: { secrets: Map<string | undefined, Record<string, string>>; configMaps: Map<string | undefined, Record<string, string>> },
  problem: (text: string) => void,
): void {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const data = configMaps.get(source.configMapRef?.name);
    if (!source.configMapRef || !data) {
      problem(`${at}: envFrom ${JSON.stringify(source)} names no ConfigMap of the manifests`);
      continue;
    }
    Object.assign(env, data);
  }
  for (const variable of container.env ?? []) {
    const from = variable.valueFrom;
    if (from?.secretKeyRef) {
      const value = secrets.get(from.secretKeyRef.name)?.[from.secretKeyRef.key];
      if (value === undefined) problem(`${at}: ${variable.name} refers to ${from.secretKeyRef.name}/${from.secretKeyRef.key}, which no Secret defines`);
      else env[variable.name] = value;
    } else if (from?.configMapKeyRef) {
      const value = configMaps.get(from.configMapKeyRef.name)?.[from.configMapKeyRef.key];
      if (value === undefined)
        problem(`${at}: ${variable.name} refers to ConfigMap ${from.configMapKeyRef.name}/${from.configMapKeyRef.key}, which is not defined`);
      else env[variable.name] = value;
    } else if (from?.fieldRef) env[variable.name] = `${workload.name}-0`;
    else env[variable.name] = variable.value ?? '';
  }
  for (const name of Object.keys(env)) if (!known.has(name) && !isOtlpSetting(name)) problem(`${at}: ${name} is not a variable the process reads`);

  const volumes = new Map((workload.pod.spec?.volumes ?? []).map((volume) => [volume.name, volume]));
  for (const mount of container.volumeMounts ?? [])
    if (!volumes.has(mount.name) && !workload.claims.includes(mount.name)) problem(`${at}: mounts ${mount.name}, which is no volume of the pod`);
  for (const volume of volumes.values()) {
    if (volume.secret && !secrets.has(volume.secret.secretName))
      problem(`${at}: volume ${volume.name} names Secret ${volume.secret.secretName}, which is not defined`);
  }
  for (const [name, value] of Object.entries(env)) {
    if (!name.endsWith('_PATH')) continue;
    const mount = (container.volumeMounts ?? []).find((candidate) => value.startsWith(`${candidate.mountPath}/`));
    const secret = mount && volumes.get(mount.name)?.secret;
    if (!mount || !secret) {
      problem(`${at}: ${name}=${value} is not in a mounted Secret`);
      continue;
    }
    const file = value.slice(mount.mountPath.length + 1);
    const keys = secret.items ? secret.items.map((item) => item.path) : Object.keys(secrets.get(secret.secretName) ?? {});
    if (!keys.includes(file)) problem(`${at}: ${name}=${value}: Secret ${secret.secretName} has no ${file}`);
  }

  // The process's own reading of this environment: a bad value would stop the start.
  try {
    const config = readGatewayConfig(env);
    const grace = workload.pod.spec?.terminationGracePeriodSeconds ?? 30;
    if (container.command?.includes('scripts/gateway.ts')) {
      if (config.drainGraceMs + config.drainTimeoutMs >= grace * 1000)
        problem(`${at}: terminationGracePeriodSeconds ${grace} is not longer than DRAIN_GRACE_MS + DRAIN_TIMEOUT_MS`);
      if (config.host !== '0.0.0.0' || config.metrics?.host !== '0.0.0.0') problem(`${at}: HOST and METRICS_HOST must be 0.0.0.0 in a pod`);
      if (!config.metrics || !hasPort([container], config.metrics.port)) problem(`${at}: the metrics port is not a container port`);
      if (!hasPort([container], config.port)) problem(`${at}: PORT ${config.port} is not a container port`);
    } else if (container.command?.includes('scripts/start-subgraphs.ts')) {
      if (config.host !== '0.0.0.0' || config.subgraphMetrics?.host !== '0.0.0.0') problem(`${at}: HOST and METRICS_HOST must be 0.0.0.0 in a pod`);
      if (!config.subgraphMetrics || !hasPort([container], config.subgraphMetrics.port)) problem(`${at}: the metrics port is not a container port`);
    }
  } catch (error) {
    problem(`${at}: ${(error as Error).message}`);
  }
}

/** Policies select pods; subgraphs' GraphQL port only from gateway pods; every metrics port only from the monitoring namespace. */
function checkNetworkPolicies(policies: Array<INetworkPolicy & Manifest>, workloads: Workload[], problem: (text: string) => void): void {
  const podsOf = (selector: LabelSelector | undefined) => workloads.filter((workload) => selects(selector, workload.labels));
  for (const policy of policies) {
    const targets = podsOf(policy.spec?.podSelector);
    if (targets.length === 0) problem(`${key(policy)}: selects no pod`);
    for (const rule of policy.spec?.ingress ?? []) {
      if (!rule.ports?.length) problem(`${key(policy)}: a rule admits every port`);
      for (const port of rule.ports ?? []) {
        for (const target of targets) if (!hasPort(target.containers, port.port)) problem(`${key(policy)}: port ${port.port} is not a port of ${target.name}`);
      }
      for (const peer of rule.from ?? []) {
        if (peer.podSelector && !peer.namespaceSelector && podsOf(peer.podSelector).length === 0) problem(`${key(policy)}: a peer selects no pod`);
      }
      const ports = (rule.ports ?? []).map((port) => port.port);
      const peers = JSON.stringify(rule.from ?? []);
      if (ports.includes('metrics') && peers !== JSON.stringify([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }]))
        problem(`${key(policy)}: the metrics port is admitted from ${peers}`);
      if (
        targets.some((target) => target.labels['zhoucun.gov.cn/tier'] === 'subgraph') &&
        ports.includes('http') &&
        peers !== JSON.stringify([{ podSelector: { matchLabels: { app: 'zhoucun-gateway' } } }])
      )
        problem(`${key(policy)}: subgraphs are reachable from ${peers}`);
    }
  }
  // Default deny: every pod is selected by some policy, so nothing unlisted reaches it.
  for (const workload of workloads) {
    if (!policies.some((policy) => selects(policy.spec?.podSelector, workload.labels)))
      problem(`${workload.kind}/${workload.name}: no NetworkPolicy selects its pods`);
  }
}

/** Ingress backends are Services of the manifests, on a port that is not a metrics port. */
function checkIngresses(
  ingresses: Array<Ingress & Manifest>,
  services: Array<Service & Manifest>,
  workloads: Workload[],
  problem: (text: string) => void,
): void {
  for (const ingress of ingresses) {
    for (const rule of ingress.spec?.rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        const backend = path.backend.service;
        const service = services.find((candidate) => candidate.metadata?.name === backend?.name);
        const port = service?.spec?.ports?.find((candidate) => candidate.name === backend?.port?.name || candidate.port === backend?.port?.number);
        if (!service || !port) {
          problem(`${key(ingress)}: backend ${JSON.stringify(backend)} is no Service port of the manifests`);
          continue;
        }
        const target = port.targetPort ?? port.port;
        const containers = workloads.filter((workload) => matchesLabels(service.spec?.selector, workload.labels)).flatMap((workload) => workload.containers);
        const metrics = containers.flatMap((container) => container.ports ?? []).filter((p) => p.name === 'metrics');
        if (metrics.some((p) => p.name === target || p.containerPort === target)) problem(`${key(ingress)}: routes to a metrics port`);
      }
    }
  }
}

/** Every registered subgraph has a Deployment running it on its port and a Service; the gateway's SUBGRAPH_URLS reach them all. */
function checkSubgraphs(workloads: Workload[], services: Array<Service & Manifest>, problem: (text: string) => void): void {
  for (const subgraph of SUBGRAPHS) {
    const deployment = workloads.find((workload) => workload.kind === 'Deployment' && workload.name === subgraph.name);
    const container = deployment?.containers.find((candidate) => candidate.env?.some((e) => e.name === 'SUBGRAPH' && e.value === subgraph.name));
    if (!deployment || !container) {
      problem(`subgraph ${subgraph.name}: no Deployment runs it (SUBGRAPH=${subgraph.name})`);
      continue;
    }
    if (!hasPort([container], subgraph.defaultPort)) problem(`subgraph ${subgraph.name}: its port ${subgraph.defaultPort} is not a container port`);
  }
  for (const gateway of workloads.filter((workload) => workload.containers.some((c) => c.command?.includes('scripts/gateway.ts')))) {
    const raw = gateway.containers.flatMap((c) => c.env ?? []).find((e) => e.name === 'SUBGRAPH_URLS')?.value;
    const urls = readSubgraphUrls(raw);
    for (const subgraph of SUBGRAPHS) {
      const url = urls[subgraph.name];
      if (!url) {
        problem(`${gateway.kind}/${gateway.name}: SUBGRAPH_URLS lacks ${subgraph.name}`);
        continue;
      }
      const { hostname, port } = new URL(url);
      const service = services.find((candidate) => candidate.metadata?.name === hostname);
      if (!service?.spec?.ports?.some((p) => p.port === Number(port))) problem(`${gateway.kind}/${gateway.name}: ${url} is no Service port of the manifests`);
      else if (!matchesLabels(service.spec.selector, workloads.find((w) => w.name === subgraph.name)?.labels ?? {}))
        problem(`${gateway.kind}/${gateway.name}: ${url} does not reach the pods of ${subgraph.name}`);
    }
  }
}
