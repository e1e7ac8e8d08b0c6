import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { GroupDetail } from './GroupDetail.js';
import { Overview } from './Overview.js';

/** `#/groups/<id>` shows one group; anything else the overview. */
function useHashRoute(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

/** The project comes from `?project=`, else the busiest one the service knows. */
function useProject(): { projectId?: string; projects: string[]; error?: string } {
  const fromUrl = new URLSearchParams(location.search).get('project') ?? undefined;
  const [projects, setProjects] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    api
      .projects()
      .then((answer) => setProjects(answer.projects.map((p) => p.projectId)))
      .catch((e: Error) => setError(e.message));
  }, []);
  return { projectId: fromUrl ?? projects[0], projects, ...(error ? { error } : {}) };
}

export function App() {
  const hash = useHashRoute();
  const { projectId, projects, error } = useProject();
  const groupMatch = /^#\/groups\/([^/]+)$/.exec(hash);

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top-bar">
        <h1>
          <a href="#/">Faultline</a>
        </h1>
        {projects.length > 1 && (
          <form class="project-picker" method="get">
            <label for="project">Project</label>
            <select
              id="project"
              name="project"
              value={projectId}
              onChange={(e) => e.currentTarget.form?.submit()}
            >
              {projects.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </form>
        )}
        {projects.length <= 1 && projectId && <span class="project-name">Project {projectId}</span>}
      </header>
      <main id="main" tabIndex={-1}>
        {error && (
          <p role="alert" class="error">
            Could not load projects: {error}
          </p>
        )}
        {!projectId && !error && <p>No project has sent errors yet.</p>}
        {projectId && groupMatch?.[1] && (
          <GroupDetail projectId={projectId} groupId={decodeURIComponent(groupMatch[1])} />
        )}
        {projectId && !groupMatch && <Overview projectId={projectId} />}
      </main>
    </>
  );
}
