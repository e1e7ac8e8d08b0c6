import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { formatTime } from '../format.js';
import { TICKET_SCAN_LIMIT, ticketOfGroup } from '../group-ticket.js';
import type { Ticket } from '../types.js';

/** The group's ticket from the tickets API: title, status, assignee and its steps. */
export function GroupTicket({ projectId, groupId }: { projectId: string; groupId: string }) {
  // undefined: loading; null: the group has no ticket.
  const [ticket, setTicket] = useState<Ticket | null>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    setTicket(undefined);
    setError(undefined);
    api
      .tickets(projectId, TICKET_SCAN_LIMIT)
      .then((answer) => setTicket(ticketOfGroup(answer.tickets, groupId) ?? null))
      .catch((e: Error) => setError(e.message));
  }, [projectId, groupId]);

  return (
    <section
      aria-labelledby="ticket-heading"
      class="panel"
      data-testid="group-ticket"
      aria-busy={ticket === undefined && !error}
    >
      <h2 id="ticket-heading">Ticket</h2>
      {error && (
        <p role="alert" class="error">
          Could not load the ticket: {error}
        </p>
      )}
      {!error && ticket === undefined && <p class="muted">Loading the ticket…</p>}
      {ticket === null && <p data-testid="no-ticket">No ticket for this group.</p>}
      {ticket && (
        <>
          <h3 class="ticket-title" data-testid="ticket-title">
            {ticket.title}
          </h3>
          <dl class="facts">
            <dt>Status</dt>
            <dd>
              <span class={`badge ticket-${ticket.status}`} data-testid="ticket-status">
                {ticket.status}
              </span>
            </dd>
            <dt>Assignee</dt>
            <dd data-testid="ticket-assignee">{ticket.assignee || 'unassigned'}</dd>
            <dt>Opened</dt>
            <dd>{formatTime(ticket.createdAt)}</dd>
            <dt>Ticket id</dt>
            <dd>
              <code>{ticket.ticketId}</code>
            </dd>
          </dl>
          <h3 id="ticket-steps-heading">Steps</h3>
          {ticket.steps.length === 0 ? (
            <p class="muted">No steps yet.</p>
          ) : (
            <ol class="steps" aria-labelledby="ticket-steps-heading" data-testid="ticket-steps">
              {ticket.steps.map((step, index) => (
                <li key={index}>
                  <strong>{step.action}</strong> by {step.author}, {formatTime(step.at)}
                  {step.description && <p class="step-text">{step.description}</p>}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
