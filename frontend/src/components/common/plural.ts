/** Returns a count with its noun, such as "1 mapping" or "5 mappings". The plural defaults to noun + "s". */
export function countOf(n: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? noun : pluralNoun}`;
}
