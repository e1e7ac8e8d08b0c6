/** A progress bar on stderr, drawn only on a terminal so pipes, logs and --json stay clean. */

export interface Progress {
  /** Marks `done` of `total` steps finished, with what is being done now. */
  update(done: number, label?: string, total?: number): void;
  stop(): void;
}

export function renderBar(done: number, total: number, label: string, width: number): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const text = ` ${String(Math.round(share * 100)).padStart(3)}% ${done}/${total} ${label}`;
  const barWidth = Math.max(10, Math.min(30, width - text.length - 2));
  const filled = Math.round(share * barWidth);
  return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${text}`.slice(0, Math.max(0, width - 1));
}

export function progress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => {}, stop: () => {} };
  let last = '';
  return {
    update(done, label = '', newTotal = total) {
      total = newTotal;
      last = renderBar(done, total, label, stream.columns || 80);
      stream.write(`\r\x1b[2K${last}`);
    },
    stop() {
      if (last) stream.write('\r\x1b[2K');
    },
  };
}
