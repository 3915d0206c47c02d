/** Where the command writes: injected so tests read the output without spawning a process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}
