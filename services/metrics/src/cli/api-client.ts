/** The metrics API the CLI talks to: writes go through the one ticket writer, with its locks and acks. */
export function metricsUrl(): string {
  return process.env.FAULTLINE_METRICS_URL ?? 'http://127.0.0.1:8090';
}

export async function callApi(
  method: 'GET' | 'POST',
  path: string,
  body?: object,
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(new URL(path, metricsUrl()), {
    method,
    ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, json: await response.json() };
}
