/**
 * Loopback Slack, PagerDuty, Twilio, webhook and SMTP receivers: the alerter's own test
 * stand-ins (they check each payload against its documented format), and the alerter env
 * that points every recipient of every channel at them.
 */
import { type Receivers, TWILIO, WEBHOOK_SECRET } from '../../services/alerter/test/support/receivers.js';

export { type Received, Receivers } from '../../services/alerter/test/support/receivers.js';

/** The runbook's recipients (ALERT_ROUTING). */
export const RECIPIENTS = ['on-call-engineer', 'tech-lead', 'cto', 'development-team', 'assigned-developer'];

export function receiverEnv(receivers: Receivers): Record<string, string> {
  const recipients = Object.fromEntries(
    RECIPIENTS.map((r, i) => [
      r,
      {
        slack: `${receivers.httpBase}/slack/${r}`,
        email: `${r}@example.test`,
        sms: `+1555010000${i}`,
        pagerduty: `rk-${r}`,
        webhook: `${receivers.httpBase}/webhook/${r}`,
      },
    ]),
  );
  return {
    FAULTLINE_RECIPIENTS: JSON.stringify(recipients),
    FAULTLINE_CHANNELS: JSON.stringify({
      email: { host: '127.0.0.1', port: receivers.smtpPort, from: 'Faultline <alerts@example.test>' },
      sms: { baseUrl: receivers.httpBase, ...TWILIO },
      pagerduty: { url: `${receivers.httpBase}/pagerduty` },
      webhook: { secret: WEBHOOK_SECRET },
    }),
  };
}
