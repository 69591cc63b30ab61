/** A command-file line split into its command and arguments (double quotes group, commas and blanks separate). */
export interface CommandLine {
  readonly command: string;
  readonly args: readonly string[];
  /** For each argument: whether a comma came before it (JLinkExe before V7.70 required them). */
  readonly commaBefore: readonly boolean[];
}

export function splitCommandLine(line: string): CommandLine {
  const m = /^(\S+)\s*(.*)$/s.exec(line);
  const command = m?.[1] ?? '';
  const rest = m?.[2] ?? '';
  const args: string[] = [];
  const commaBefore: boolean[] = [];
  let i = 0;
  let sawComma = false;
  while (i < rest.length) {
    const c = rest[i]!;
    if (c === ',') {
      sawComma = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    let token = '';
    if (c === '"') {
      const close = rest.indexOf('"', i + 1);
      token = close < 0 ? rest.slice(i + 1) : rest.slice(i + 1, close);
      i = close < 0 ? rest.length : close + 1;
    } else {
      while (i < rest.length && rest[i] !== ',' && rest[i] !== ' ' && rest[i] !== '\t') token += rest[i++];
    }
    args.push(token);
    commaBefore.push(sawComma);
    sawComma = false;
  }
  return { command, args, commaBefore };
}

/** JLinkExe reads numbers as hex, with or without 0x (research/jlink.md §1.2 "(hex)"). */
export function parseHexNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^(0x)?[0-9a-f]{1,8}$/i.test(text)) return undefined;
  return Number.parseInt(text.replace(/^0x/i, ''), 16);
}
