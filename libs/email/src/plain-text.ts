/** The width plain-text mail has been written at since RFC 2822 advised under 78. */
const WIDTH = 76;
/** RFC 3676's signature separator: clients fold or dim what follows it, the footer. */
const SIGNATURE_SEPARATOR = '-- ';

/**
 * A rendered text template made ready to send: trailing spaces gone, runs of blank lines (left
 * by sections that had nothing to show) reduced to one, long lines wrapped.
 */
export function tidyPlainText(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((line) => (line === SIGNATURE_SEPARATOR ? line : line.trimEnd()))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .split('\n');
  return `${lines.flatMap(wrapLine).join('\n')}\n`;
}

/**
 * Wraps at spaces. Continuations are indented like the line, and under the text of a list
 * item ("- ", "* "); a word longer than the width, a URL, stays whole so it still works.
 */
function wrapLine(line: string): string[] {
  if (line.length <= WIDTH) return [line];
  const [, lead = '', body = ''] = /^(\s*(?:[-*] )?)(.*)$/.exec(line) ?? [];
  const indent = ' '.repeat(lead.length);
  const wrapped: string[] = [];
  let current = lead;
  for (const word of body.split(/ +/).filter((each) => each !== '')) {
    const isFirstWord = current.length === lead.length && wrapped.length === 0;
    if (isFirstWord) {
      current += word;
    } else if (current.length + 1 + word.length > WIDTH) {
      wrapped.push(current);
      current = indent + word;
    } else {
      current += ` ${word}`;
    }
  }
  wrapped.push(current);
  return wrapped;
}
