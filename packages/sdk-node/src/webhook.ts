import { type Client, getCurrentClient } from '@faultline/browser/core';

/** Throw this from a webhook verifier; any error whose name, code or message says "signature" counts too. */
export class WebhookSignatureError extends Error {
  override readonly name = 'WebhookSignatureError';
}

/**
 * Signature failures as the common libraries raise them: Stripe's
 * StripeSignatureVerificationError, svix's "No matching signature found", Octokit's
 * "signature does not match".
 */
export function isSignatureError(error: unknown): boolean {
  if (error instanceof WebhookSignatureError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { name, type, code, message } = error as Record<string, unknown>;
  return [name, type, code, message].some((field) => typeof field === 'string' && /signature/i.test(field));
}

/**
 * The runbook's security pattern is `webhook.*signature.*invalid` on the message, and
 * component `security` routes to the security team: a forged or misconfigured webhook is both.
 */
export function signatureMessage(provider: string, error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `Webhook signature invalid (${provider}): ${detail}`;
}

export interface WebhookOptions {
  /** Who sends the webhook: stripe, github, ... */
  provider: string;
  /** Component for errors other than signature failures. @default 'webhook' */
  component?: string;
  /** @default the client `init` made */
  client?: Client;
  isSignatureError?: (error: unknown) => boolean;
}

/**
 * Wraps a webhook handler: its errors are reported (source webhook) and rethrown, so the
 * framework still answers 400/500. Signature failures are reported as security events.
 */
export function wrapWebhookHandler<A extends unknown[], R>(
  handler: (...args: A) => R | Promise<R>,
  options: WebhookOptions,
): (...args: A) => Promise<R> {
  const signatureFailure = options.isSignatureError ?? isSignatureError;
  return async (...args: A) => {
    const started = performance.now();
    try {
      return await handler(...args);
    } catch (error) {
      const client = options.client ?? getCurrentClient();
      const signature = signatureFailure(error);
      client?.captureException(error, {
        source: 'webhook',
        component: signature ? 'security' : (options.component ?? 'webhook'),
        action: `webhook.${options.provider}`,
        level: signature ? 'warning' : 'error',
        responseTimeMs: Math.round(performance.now() - started),
        tags: { 'webhook.provider': options.provider },
        mechanism: { type: 'webhook', handled: true },
        ...(signature ? { message: signatureMessage(options.provider, error) } : {}),
      });
      throw error;
    }
  };
}
