/** Pure: the doctor report as text for a terminal. */
import { renderTable } from '../output/table.js';
import { type DoctorReport, restartable } from './report.js';

const MARK = { ok: 'ok', warn: 'WARN', down: 'DOWN' } as const;

export function renderDoctor(report: DoctorReport, width: number): string {
  const table = renderTable(
    ['status', 'area', 'check', 'detail'],
    report.checks.map((c) => [MARK[c.status], c.area, c.name, c.detail]),
    width,
  );
  const lines = [table, ''];
  if (report.restarted.length) lines.push(`restarted: ${report.restarted.join(', ')}`, '');
  if (report.errors.length) {
    lines.push(`recent errors (${report.errors.length}):`);
    lines.push(
      renderTable(
        ['time', 'file', 'message'],
        report.errors.map((e) => [e.time, e.file, e.msg]),
        width,
      ),
    );
    lines.push('');
  }
  const down = report.checks.filter((c) => c.status === 'down');
  if (down.length === 0) lines.push(report.status === 'warn' ? 'degraded: see WARN lines' : 'all healthy');
  else {
    lines.push(`DOWN: ${down.map((c) => c.name).join(', ')}`);
    const infra = restartable(report.checks);
    if (infra.length) lines.push(`  faultline doctor --restart starts local ${infra.join(', ')} again`);
    if (down.some((c) => c.area === 'services'))
      lines.push('  services: pnpm start runs and supervises all five');
  }
  return lines.join('\n');
}
