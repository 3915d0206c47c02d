/** "4/mggdlVx8A3..." → "4/mg gdlV x8A3 ...": easier to read aloud and compare. */
export function groupFingerprint(value: string, size = 4): string {
  const groups: string[] = [];
  for (let i = 0; i < value.length; i += size) groups.push(value.slice(i, i + size));
  return groups.join(' ');
}
