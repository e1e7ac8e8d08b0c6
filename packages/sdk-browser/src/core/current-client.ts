import type { Client } from './client.js';

let current: Client | undefined;

/** The client `init` made, for collection points not handed one (React boundaries, wrappers). */
export function getCurrentClient(): Client | undefined {
  return current;
}

export function setCurrentClient(client: Client | undefined): void {
  current = client;
}
