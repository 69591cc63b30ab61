import { ImxflashError } from '@imxflash/core';

/**
 * Joins command lines into the text of a J-Link command file: LF line ends only (CR breaks
 * files before V7.92f), no blank or comment lines (comment-only lines fail on V7.88l–7.89),
 * a final LF (research/jlink.md §0.5).
 */
export function serializeCommandFile(lines: readonly string[]): string {
  for (const line of lines) {
    // eslint-disable-next-line no-control-regex
    if (line.trim() === '' || /[\u0000-\u001f]/.test(line) || /^\s*(\/\/|#|;)/.test(line)) {
      throw new ImxflashError('INTERNAL', `refusing to write command-file line ${JSON.stringify(line)}`, {
        hint: 'This is a bug in imxflash: please report it with the command you ran.',
      });
    }
  }
  return `${lines.join('\n')}\n`;
}
