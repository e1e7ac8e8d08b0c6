import { AlertCommand } from './alert-command.js';
import { AlertEvent } from './alert-event.js';
import { AlertSignal } from './alert-signal.js';
import { CategorizedEvent } from './categorized-event.js';
import { createCodec } from './codec.js';
import { DeadLetter } from './dead-letter.js';
import { ErrorEvent } from './error-event.js';
import { TicketEvent } from './ticket-event.js';

export const errorEventCodec = createCodec('ErrorEvent', ErrorEvent);
export const categorizedEventCodec = createCodec('CategorizedEvent', CategorizedEvent);
export const alertSignalCodec = createCodec('AlertSignal', AlertSignal);
export const alertEventCodec = createCodec('AlertEvent', AlertEvent);
export const alertCommandCodec = createCodec('AlertCommand', AlertCommand);
export const ticketEventCodec = createCodec('TicketEvent', TicketEvent);
export const deadLetterCodec = createCodec('DeadLetter', DeadLetter);
