// A small syntax check for udev rules files, used where `udevadm verify` is missing (it arrived
// in systemd 253; Debian 12 ships 252). It accepts what our rules use and rejects what udev would
// log as an invalid rule: unknown keys, a match operator on an assignment-only key (or the
// reverse), missing quotes, and stray text between pairs.

const matchOnlyKeys = new Set([
  'ACTION',
  'DEVPATH',
  'KERNEL',
  'KERNELS',
  'NAME_MATCH',
  'SUBSYSTEM',
  'SUBSYSTEMS',
  'DRIVER',
  'DRIVERS',
  'TAGS',
  'TEST',
  'PROGRAM',
  'RESULT',
  'SYSCTL_MATCH',
  'CONST',
]);
const assignOnlyKeys = new Set([
  'OWNER',
  'GROUP',
  'MODE',
  'LABEL',
  'GOTO',
  'RUN',
  'IMPORT',
  'OPTIONS',
  'SECLABEL',
]);
// Keys that are valid on both sides (match with ==/!=, set with =/+=/-=/:=).
const bothKeys = new Set(['NAME', 'SYMLINK', 'TAG', 'ENV', 'ATTR', 'SYSCTL']);
const matchOnlyAttrKeys = new Set(['ATTRS']);

const pairPattern = /^([A-Z_]+)(?:\{([^}\s]+)\})?\s*(==|!=|\+=|-=|:=|=)\s*"((?:[^"\\]|\\.)*)"$/;

export interface RuleProblem {
  line: number;
  message: string;
}

/** Returns the operator of a valid pair, or throws a message naming what is wrong. */
function checkPair(text: string): string {
  const m = pairPattern.exec(text.trim());
  if (!m) throw new Error(`cannot parse "${text.trim()}" as KEY=="value" or KEY="value"`);
  const [, key = '', attr, op = ''] = m;
  const problem = pairProblem(key, attr, op);
  if (problem) throw new Error(problem);
  return op;
}

function pairProblem(key: string, attr: string | undefined, op: string): string | undefined {
  const isMatch = op === '==' || op === '!=';
  const needsAttr = key === 'ATTR' || key === 'ATTRS' || key === 'ENV' || key === 'SYSCTL';
  if (needsAttr && !attr) return `${key} needs a {name}`;
  if (!needsAttr && attr && key !== 'IMPORT' && key !== 'RUN' && key !== 'TEST') {
    return `${key} does not take a {name}`;
  }
  if (matchOnlyKeys.has(key) || matchOnlyAttrKeys.has(key)) {
    return isMatch ? undefined : `${key} can only be matched (== or !=), not assigned with ${op}`;
  }
  if (assignOnlyKeys.has(key)) {
    return isMatch ? `${key} can only be assigned, not matched with ${op}` : undefined;
  }
  if (bothKeys.has(key)) return undefined;
  return `unknown key ${key}`;
}

/** Splits a rule line at commas that are outside double quotes. */
function splitPairs(line: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && quoted) {
      current += ch + (line[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

export function checkUdevRules(text: string): RuleProblem[] {
  const problems: RuleProblem[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (line.endsWith('\\')) {
      problems.push({ line: index + 1, message: 'line continuations are not used in our rules' });
      return;
    }
    const pairs = splitPairs(line);
    let hasMatch = false;
    let hasAssign = false;
    for (const pair of pairs) {
      let op: string;
      try {
        op = checkPair(pair);
      } catch (error) {
        problems.push({ line: index + 1, message: (error as Error).message });
        return;
      }
      if (op === '==' || op === '!=') hasMatch = true;
      else hasAssign = true;
    }
    // A rule without a match applies to every device; one without an assignment does nothing.
    if (!hasMatch) problems.push({ line: index + 1, message: 'rule has no match key' });
    else if (!hasAssign) problems.push({ line: index + 1, message: 'rule assigns nothing' });
  });
  return problems;
}
