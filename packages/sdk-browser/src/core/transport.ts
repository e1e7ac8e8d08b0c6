/** What became of one request: the HTTP status, or 0 when no answer came. */
export interface SendResult {
  status: number;
  retryAfterMs?: number;
}

/** Carries a serialized batch (a JSON array of events) to ingest. */
export interface Transport {
  send(body: string): Promise<SendResult>;
  /**
   * Last chance while the page or process goes away: fire and forget, no answer awaited
   * (the browser's sendBeacon). Transports without one use `send`.
   */
  sendFinal?(body: string): boolean;
}
