import { Client, type ClientOptions, newEventId } from '../core/client.js';
import { setCurrentClient } from '../core/current-client.js';
import { eventsUrl } from './endpoint.js';
import { fetchTransport } from './fetch-transport.js';
import { installGlobalHandlers } from './global-handlers.js';
import { instrumentNetwork, type NetworkOptions } from './network.js';
import { flushOnPageHide } from './page-lifecycle.js';

export const SDK = { name: 'faultline.browser', version: '0.1.0' } as const;

export interface BrowserOptions extends ClientOptions {
  /** window error and unhandledrejection. @default true */
  globalHandlers?: boolean;
  /** fetch and XHR failures and 5xx; ingest's own URL is always ignored. @default true */
  network?: boolean | NetworkOptions;
}

export interface BrowserClient extends Client {
  /** Removes every handler `init` installed and sends what is queued. */
  close(): Promise<boolean>;
}

/** A client with the browser transport and nothing installed: wire collection points yourself. */
export function createBrowserClient(options: ClientOptions): Client {
  const session = options.sessionId ?? newEventId();
  return new Client(
    { ...options, sessionId: session },
    fetchTransport(eventsUrl(options.endpoint, options.key)),
    SDK,
    (event) => {
      if (!event.request && typeof location !== 'undefined')
        event.request = { url: location.href, userAgent: navigator.userAgent };
    },
  );
}

/** The usual setup: a client, the global handlers, network capture and beacon on page hide. */
export function init(options: BrowserOptions): BrowserClient {
  const client = createBrowserClient(options) as BrowserClient;
  const uninstall: Array<() => void> = [flushOnPageHide(client)];
  if (options.globalHandlers !== false) uninstall.push(installGlobalHandlers(client));
  if (options.network !== false) {
    const network = typeof options.network === 'object' ? options.network : {};
    uninstall.push(
      instrumentNetwork(client, {
        ...network,
        ignoreUrls: [...(network.ignoreUrls ?? []), eventsUrl(options.endpoint, '').split('?')[0] as string],
      }),
    );
  }
  client.close = () => {
    for (const remove of uninstall.splice(0)) remove();
    setCurrentClient(undefined);
    return client.flush();
  };
  setCurrentClient(client);
  return client;
}
