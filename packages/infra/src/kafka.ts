import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { cacheDir, dataDir, type InfraConfig, runDir } from './config.js';
import type { Log, Service } from './service.js';
import { MAVEN_INSTALL, requireCommand, requireJava17 } from './tools.js';

const run = promisify(execFile);

/** Kafka 4 dropped protocol versions kafkajs needs, so stay on 3.9 (see ARCHITECTURE.md). */
export const KAFKA_VERSION = '3.9.1';

export function kafkaBrokers(config: InfraConfig): string[] {
  return config.external.kafkaBrokers ?? [`${config.host}:${config.kafkaPort}`];
}

export function kafkaService(config: InfraConfig): Service {
  const brokers = kafkaBrokers(config);
  return {
    name: 'kafka',
    endpoint: brokers.join(','),
    externalVariable: config.external.kafkaBrokers ? 'KAFKA_BROKERS' : undefined,
    port: config.kafkaPort,
    probe: () => answersMetadata(brokers),
    prepare: (log) => prepareKafka(config, log),
    // The first start formats storage and warms up a JVM; a busy 2-core CI runner needs the margin.
    readyTimeoutMs: 120_000,
    // A controlled shutdown flushes logs and can take a while; killing it costs a log recovery next start.
    stopGraceMs: 30_000,
  };
}

const libsDir = (config: InfraConfig) => join(cacheDir(config), `kafka-${KAFKA_VERSION}`, 'libs');

/** Downloads the broker jars once into the cache; a marker tells a complete download from an interrupted one. */
export async function fetchKafka(config: InfraConfig, log: Log): Promise<string> {
  const libs = libsDir(config);
  const marker = join(libs, '..', 'complete');
  if (existsSync(marker)) return libs;
  const mvn = requireCommand('mvn', MAVEN_INSTALL);
  const pomTemplate = new URL('../templates/kafka-pom.xml', import.meta.url);
  const pom = join(libs, '..', 'pom.xml');
  rmSync(libs, { recursive: true, force: true });
  mkdirSync(libs, { recursive: true });
  writeFileSync(pom, readFileSync(pomTemplate, 'utf8').replaceAll('@KAFKA_VERSION@', KAFKA_VERSION));
  log(`kafka: fetching Kafka ${KAFKA_VERSION} jars with mvn into ${libs}`);
  const args = ['-q', '-B', '-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${libs}`];
  try {
    await run(mvn, [...args, '-DincludeScope=runtime'], { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    const output = `${stdout}${stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`kafka: mvn could not fetch the Kafka jars:\n${output}`);
  }
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  return libs;
}

async function prepareKafka(config: InfraConfig, log: Log) {
  const java = await requireJava17();
  const libs = await fetchKafka(config, log);
  const confDir = join(runDir(config), 'kafka');
  const data = dataDir(config, 'kafka');
  mkdirSync(confDir, { recursive: true });
  const properties = join(confDir, 'server.properties');
  const log4j = join(confDir, 'log4j.properties');
  writeFileSync(properties, serverProperties(config, data));
  writeFileSync(log4j, LOG4J_PROPERTIES);
  const classpath = join(libs, '*'); // expanded by java itself
  if (!existsSync(join(data, 'meta.properties'))) {
    log(`kafka: formatting storage in ${data}`);
    mkdirSync(data, { recursive: true });
    const format = ['kafka.tools.StorageTool', 'format', '-t', randomClusterId(), '-c', properties];
    await run(java, ['-cp', classpath, `-Dlog4j.configuration=file:${log4j}`, ...format]);
  }
  const jvm = [`-Xmx${config.kafkaHeap}`, '-cp', classpath, `-Dlog4j.configuration=file:${log4j}`];
  return { command: java, args: [...jvm, 'kafka.Kafka', properties] };
}

/** One KRaft node acting as broker and controller, reachable only from this machine. */
function serverProperties(config: InfraConfig, data: string): string {
  const { host, kafkaPort, kafkaControllerPort } = config;
  return `${[
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${host}:${kafkaControllerPort}`,
    `listeners=PLAINTEXT://${host}:${kafkaPort},CONTROLLER://${host}:${kafkaControllerPort}`,
    `advertised.listeners=PLAINTEXT://${host}:${kafkaPort}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${data}`,
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    // Consumer groups in tests should not wait 3 s for members that will never come.
    'group.initial.rebalance.delay.ms=0',
    // Topics are created by their owners with explicit partitions, never by a typo in a consumer.
    'auto.create.topics.enable=false',
  ].join('\n')}\n`;
}

const LOG4J_PROPERTIES = `log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
`;

/** Same shape as Kafka's Uuid.randomUuid(): 16 random bytes in base64url, never starting with '-'. */
function randomClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

const GROUP_PROBE = 'faultline-infra-ready';

/** Real requests: the broker is registered and serving consumer groups, not merely listening. */
async function answersMetadata(brokers: string[]): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'faultline-infra',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0 || cluster.controller === null) return false;
    // Finding a group coordinator creates __consumer_offsets on a fresh broker; until then the first
    // consumer of every test would crash and restart with "not the correct coordinator".
    await admin.describeGroups([GROUP_PROBE]);
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}
