import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { formatCount } from '../format.js';
import { unhealthyParts } from '../group-ticket.js';
import type { Investigation } from '../types.js';

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** The investigation API's answer for the group's newest event: pattern, similar errors, advice, health. */
export function GroupInvestigation({ projectId, groupId }: { projectId: string; groupId: string }) {
  const [found, setFound] = useState<Investigation>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    setFound(undefined);
    setError(undefined);
    api
      .investigation(projectId, groupId)
      .then(setFound)
      .catch((e: Error) => setError(e.message));
  }, [projectId, groupId]);

  const problems = found ? unhealthyParts(found.health) : [];
  return (
    <section
      aria-labelledby="investigation-heading"
      class="panel"
      data-testid="group-investigation"
      aria-busy={!found && !error}
    >
      <h2 id="investigation-heading">Investigation</h2>
      {error && (
        <p role="alert" class="error">
          Could not investigate the group: {error}
        </p>
      )}
      {!error && !found && (
        <p class="muted">Investigating… (checks every service, so it can take a few seconds)</p>
      )}
      {found && (
        <>
          <dl class="facts">
            <dt>Pattern</dt>
            <dd>
              <strong data-testid="investigation-pattern">{found.pattern.type}</strong>:{' '}
              {found.pattern.description}
            </dd>
            <dt>Similar errors (24 h)</dt>
            <dd data-testid="investigation-similar">
              {formatCount(found.similar.count)}
              {found.similar.truncated && ' (at least; too many distinct messages to compare all)'}
            </dd>
            <dt>System health</dt>
            <dd data-testid="investigation-health">
              <span class={`badge health-${found.health.status}`}>{found.health.status}</span> memory{' '}
              {percent(found.health.host.memoryUsage)}, CPU {percent(found.health.host.cpuUsage)}
              {problems.length > 0 && `; ${problems.join(', ')}`}
            </dd>
          </dl>
          <h3 id="recommendations-heading">Recommendations</h3>
          {found.recommendations.length === 0 ? (
            <p class="muted">No recommendations.</p>
          ) : (
            <ul aria-labelledby="recommendations-heading" data-testid="investigation-recommendations">
              {found.recommendations.map((text, index) => (
                <li key={index}>{text}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
