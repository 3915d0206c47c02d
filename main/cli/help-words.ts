/** The words that ask for the usage text (or nothing at all): known without loading any command's code. */
export function asksForHelp(word: string | undefined): boolean {
  return word === undefined || word === 'help' || word === '--help' || word === '-h';
}
