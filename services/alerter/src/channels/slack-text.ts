/**
 * Slack parses `<...>` in mrkdwn and in a message's top-level `text` as mentions and links
 * (`<!channel>`, `<https://evil|Open the alert>`), so event text, names and titles are
 * escaped before they reach any of them. Slack documents exactly these three escapes.
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Code that hostile text cannot leave: a backtick in the text would close the fence and make
 * the rest mrkdwn again, so backticks become a look-alike (U+02CB). Each line is cut after
 * escaping, so the block stays within Slack's 3,000 characters per section.
 */
export function slackCodeBlock(lines: readonly string[], maxLineLength = 900): string {
  return `\`\`\`${lines.map((line) => truncate(codeText(line), maxLineLength)).join('\n')}\`\`\``;
}

export function slackCodeSpan(text: string): string {
  return `\`${codeText(text)}\``;
}

function codeText(text: string): string {
  return escapeSlack(text).replace(/`/g, '\u02cb');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
