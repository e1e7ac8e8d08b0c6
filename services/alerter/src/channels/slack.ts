import type { Channel, ChannelMessage } from './channel.js';
import { post } from './http-post.js';
import { colourFor, facts, headline, sampleLines } from './render.js';
import { escapeSlack, slackCodeBlock, truncate } from './slack-text.js';

/**
 * Slack incoming webhook: `text` is the notification fallback; the blocks sit in an
 * attachment because only attachments carry the colour bar (severity, grey when
 * acknowledged, green when resolved). Incoming webhooks cannot edit a message, so a
 * follow-up is a new message saying who acknowledged or resolved.
 */
export function slackPayload(message: ChannelMessage) {
  const { alert } = message;
  const samples = sampleLines(message).slice(0, 3);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(headline(message), 150), emoji: true } },
    {
      type: 'section',
      fields: facts(message)
        .slice(0, 10)
        .map(([k, v]) => ({ type: 'mrkdwn', text: `*${k}*\n${escapeSlack(v)}` })),
    },
  ];
  if (samples.length > 0 && message.purpose === 'page') {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `*Samples*\n${slackCodeBlock(samples)}` },
    });
  }
  const context = [`Faultline · ${alert.status}`];
  if (message.alertUrl) context.push(`<${message.alertUrl}|Open the alert>`);
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context.join(' · ') }] });
  return {
    // The top-level text is mrkdwn too (and what notifications show): escaped like the blocks.
    text: escapeSlack(headline(message)),
    attachments: [{ color: colourFor(message), fallback: headline(message), blocks }],
  };
}

export function slackChannel(): Channel {
  return {
    name: 'slack',
    async send(message, webhookUrl, signal) {
      await post(
        {
          url: webhookUrl,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(slackPayload(message)),
        },
        signal,
      );
    },
  };
}
