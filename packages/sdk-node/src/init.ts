import { Client, type ClientOptions, setCurrentClient } from '@faultline/browser/core';
import { nodeTransport } from './node-transport.js';
import { installProcessHandlers, type ProcessHandlerOptions } from './process-handlers.js';

export const SDK = { name: 'faultline.node', version: '0.1.0' } as const;

export interface NodeOptions extends ClientOptions {
  /** Report heap in use with each event (the categorizer's memory rule). @default true */
  memory?: boolean;
  /** uncaughtException, unhandledRejection and flush on exit. @default true */
  processHandlers?: boolean | ProcessHandlerOptions;
  /** @default 10000 */
  requestTimeoutMs?: number;
}

export interface NodeClient extends Client {
  /** Removes the process handlers and sends what is queued. */
  close(timeoutMs?: number): Promise<boolean>;
}

/** A client with the Node transport and no process handlers. */
export function createNodeClient(options: NodeOptions): Client {
  const transport = nodeTransport(options.endpoint, options.key, options.requestTimeoutMs);
  const queue = { unrefTimers: true, ...options.queue };
  return new Client({ ...options, queue }, transport, SDK, (event) => {
    if (options.memory !== false && event.memoryBytes === undefined)
      event.memoryBytes = process.memoryUsage().heapUsed;
    if (!event.tags?.runtime) event.tags = { runtime: `node ${process.versions.node}`, ...event.tags };
  });
}

/** The usual setup: a client that wrappers and middleware use by default, and process handlers. */
export function init(options: NodeOptions): NodeClient {
  const client = createNodeClient(options) as NodeClient;
  const uninstall =
    options.processHandlers === false
      ? () => undefined
      : installProcessHandlers(
          client,
          typeof options.processHandlers === 'object' ? options.processHandlers : {},
        );
  client.close = (timeoutMs?: number) => {
    uninstall();
    setCurrentClient(undefined);
    return client.flush(timeoutMs);
  };
  setCurrentClient(client);
  return client;
}
