/**
 * deploy/k8s: every manifest is valid against the Kubernetes schemas (kubernetes-models, offline),
 * and the invariants a schema cannot see hold: probes, resources, non-root, env that each
 * service's own config schema accepts, references that resolve, autoscaling within partitions.
 */
import { loadConfig } from '@faultline/config';
import { apps, autoscaling, policy, v1 } from 'kubernetes-models';
import { describe, expect, it } from 'vitest';
import { loadAlerterConfig } from '../../services/alerter/src/config.js';
import { compileRules } from '../../services/categorizer/src/rules/compile-rules.js';
import {
  CONFIG_SCHEMAS,
  CONSUMED_TOPICS,
  configVariables,
  type Doc,
  deployPath,
  NON_CONFIG_VARIABLES,
  readEnvFile,
  readYaml,
  readYamlDocs,
  SERVICES,
} from './deploy-files.js';

// biome-ignore lint/suspicious/noExplicitAny: each model takes its own typed shape; the manifests are untyped YAML.
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'v1/Namespace': v1.Namespace,
  'v1/ConfigMap': v1.ConfigMap,
  'v1/Service': v1.Service,
  'apps/v1/Deployment': apps.v1.Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': autoscaling.v2.HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': policy.v1.PodDisruptionBudget,
};

const kustomization = readYaml(deployPath('k8s', 'kustomization.yaml'));
const resources = (kustomization.resources as string[]).flatMap((file) =>
  readYamlDocs(deployPath('k8s', file)).map((doc) => ({ file, doc })),
);
const ofKind = (kind: string) => resources.filter(({ doc }) => doc.kind === kind).map(({ doc }) => doc);

/** The files kustomize's generators read, by generated name and key. */
const generatedConfigMaps = new Map<string, Record<string, string>>(
  (kustomization.configMapGenerator as Doc[]).map((gen) => [
    gen.name as string,
    Object.fromEntries(
      (gen.files as string[]).map((entry) => {
        const [key, file] = entry.split('=') as [string, string];
        return [key, deployPath('k8s', file)];
      }),
    ),
  ]),
);
const [secretGenerator] = kustomization.secretGenerator as Doc[];
// The example stands in for the operator's secrets.env; placeholder values that the schemas accept.
const secretExample = readEnvFile(deployPath('k8s', 'secrets.env.example'));
const secretValues = Object.fromEntries(
  Object.entries(secretExample).map(([key, value]) => [
    key,
    value === '' ? `test-${key.toLowerCase()}` : value,
  ]),
);
const configMaps = new Map(ofKind('ConfigMap').map((doc) => [doc.metadata.name as string, doc.data as Doc]));

/** The container's environment as the kubelet would build it, and mounted files mapped to the repo. */
function containerEnv(deployment: Doc): { env: Record<string, string>; files: Map<string, string> } {
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const data = configMaps.get(source.configMapRef?.name);
    expect(data, `envFrom ${JSON.stringify(source)}`).toBeDefined();
    Object.assign(env, data);
  }
  for (const entry of container.env ?? []) {
    if (entry.value !== undefined) env[entry.name] = String(entry.value);
    else if (entry.valueFrom?.secretKeyRef) {
      const ref = entry.valueFrom.secretKeyRef;
      expect(ref.name, entry.name).toBe(secretGenerator?.name);
      expect(Object.keys(secretValues), `${entry.name}: key ${ref.key} in secrets.env.example`).toContain(
        ref.key,
      );
      env[entry.name] = secretValues[ref.key] as string;
    } else if (entry.valueFrom?.configMapKeyRef) {
      const ref = entry.valueFrom.configMapKeyRef;
      const value = configMaps.get(ref.name)?.[ref.key];
      expect(value, `${entry.name}: ${ref.name}/${ref.key}`).toBeDefined();
      env[entry.name] = String(value);
    } else throw new Error(`unsupported env source for ${entry.name}`);
  }
  const files = new Map<string, string>();
  for (const mount of container.volumeMounts ?? []) {
    const volume = pod.volumes.find((v: Doc) => v.name === mount.name);
    expect(volume, `volume ${mount.name}`).toBeDefined();
    if (!volume.configMap) continue;
    const generated = generatedConfigMaps.get(volume.configMap.name);
    expect(generated, `ConfigMap ${volume.configMap.name}`).toBeDefined();
    for (const [key, file] of Object.entries(generated ?? {})) files.set(`${mount.mountPath}/${key}`, file);
  }
  return { env, files };
}

describe('deploy/k8s', () => {
  it('every resource is valid against the Kubernetes schemas', () => {
    expect(resources.length).toBeGreaterThan(0);
    for (const { file, doc } of resources) {
      const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
      expect(Model, `${file}: ${doc.apiVersion} ${doc.kind} has a model`).toBeDefined();
      expect(
        () => new (Model as NonNullable<typeof Model>)(doc).validate(),
        `${file}: ${doc.kind} ${doc.metadata?.name}`,
      ).not.toThrow();
    }
  });

  it('the generators read files that exist and the shipped configs load', () => {
    const rules = generatedConfigMaps.get('faultline-rules')?.['rules.yaml'] as string;
    expect(compileRules(readYaml(rules), rules).length).toBeGreaterThan(0);
    expect(secretGenerator?.envs).toEqual(['secrets.env']);
  });

  describe.each(SERVICES)('$name', ({ name, port }) => {
    const deployment = ofKind('Deployment').find((d) => d.metadata.name === `faultline-${name}`) as Doc;
    const container = deployment?.spec.template.spec.containers[0];

    it('has a Deployment running its image non-root, with probes and resources', () => {
      expect(deployment).toBeDefined();
      expect(deployment.spec.selector.matchLabels).toEqual(deployment.spec.template.metadata.labels);
      expect(container.image).toMatch(new RegExp(`^faultline/${name}:`));
      expect(container.ports).toEqual([{ name: 'http', containerPort: port }]);
      expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(container.resources.requests.cpu).toBeTruthy();
      expect(container.resources.requests.memory).toBeTruthy();
      expect(container.resources.limits.memory).toBeTruthy();
      const pod = deployment.spec.template.spec;
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      expect(container.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
    });

    it('gives it an environment its config schema accepts, pointing away from localhost', () => {
      const { env, files } = containerEnv(deployment);
      const schema = CONFIG_SCHEMAS[name] as NonNullable<(typeof CONFIG_SCHEMAS)[string]>;
      const known = configVariables(schema);
      const unknown = Object.keys(env).filter((key) => !known.has(key) && !NON_CONFIG_VARIABLES.has(key));
      // faultline-common is shared: keys another service reads are fine, typos are not.
      const anyService = new Set(Object.values(CONFIG_SCHEMAS).flatMap((s) => [...configVariables(s)]));
      expect(unknown.filter((key) => !anyService.has(key) && key !== 'FAULTLINE_PUBLIC_URL')).toEqual([]);

      // Mounted files are read from the repository copies the generators use.
      const mapped = { ...env };
      for (const [key, value] of Object.entries(env)) {
        if (files.has(value)) mapped[key] = files.get(value) as string;
        else if (value.startsWith('/etc/')) throw new Error(`${key}=${value} is not a mounted file`);
      }
      const config = loadConfig(schema, { env: mapped }) as Doc;
      if (name === 'alerter') loadAlerterConfig(mapped);
      if (name === 'categorizer') {
        // The rules file is the mounted one, and it compiles.
        expect(files.has(env.FAULTLINE_RULES_FILE as string)).toBe(true);
        expect(compileRules(readYaml(config.rules.file), config.rules.file).length).toBeGreaterThan(0);
      }
      expect(config.http).toEqual({ host: '0.0.0.0', port });
      expect(config.kafka.brokers.join()).not.toMatch(/127\.0\.0\.1|localhost/);
      if (config.redis) expect(config.redis.url).not.toMatch(/127\.0\.0\.1|localhost/);
      if (config.clickhouse) expect(config.clickhouse.url).not.toMatch(/127\.0\.0\.1|localhost/);
    });

    it('has a Service on its port and a PodDisruptionBudget', () => {
      const service = ofKind('Service').find((s) => s.metadata.name === `faultline-${name}`) as Doc;
      expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
      expect(service.spec.ports).toEqual([{ name: 'http', port, targetPort: 'http' }]);
      const pdb = ofKind('PodDisruptionBudget').find((p) => p.metadata.name === `faultline-${name}`) as Doc;
      expect(pdb.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
    });

    it('has a HorizontalPodAutoscaler that stays within the partitions it can use', () => {
      const hpa = ofKind('HorizontalPodAutoscaler').find(
        (h) => h.spec.scaleTargetRef.name === `faultline-${name}`,
      ) as Doc;
      expect(hpa).toBeDefined();
      expect(hpa.spec.scaleTargetRef).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment' });
      expect(hpa.spec.minReplicas).toBeLessThanOrEqual(hpa.spec.maxReplicas);
      const topics = CONSUMED_TOPICS[name];
      if (!topics) return; // ingest: HTTP, not bounded by partitions
      const partitions = JSON.parse(configMaps.get('faultline-common')?.FAULTLINE_KAFKA_PARTITIONS as string);
      const usable = Math.max(...topics.map((topic) => partitions[topic] as number));
      expect(hpa.spec.maxReplicas).toBeLessThanOrEqual(usable);
    });
  });

  it('has one Deployment per service and nothing else deployed', () => {
    expect(
      ofKind('Deployment')
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual(SERVICES.map(({ name }) => `faultline-${name}`).sort());
    expect(kustomization.images.map((image: Doc) => image.name).sort()).toEqual(
      SERVICES.map(({ name }) => `faultline/${name}`).sort(),
    );
  });
});
