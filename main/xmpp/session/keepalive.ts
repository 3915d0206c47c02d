/**
 * Notices a dead connection. TCP alone may not: a server that froze, or a NAT that forgot us, leaves the
 * socket open and silent. After `idleMs` without a byte from the server we probe (XEP-0198 <r/>, or an
 * XEP-0199 ping without stream management); if nothing at all arrives within `answerMs`, the connection is
 * declared dead. The caller then drops the socket WITHOUT closing the stream, because a graceful close would
 * end a session that stream management could still resume.
 */
export interface KeepaliveOptions {
  readonly idleMs: number;
  readonly answerMs: number;
  readonly probe: () => void;
  readonly onDead: () => void;
}

export class Keepalive {
  readonly #options: KeepaliveOptions;
  #idle: NodeJS.Timeout | null = null;
  #answer: NodeJS.Timeout | null = null;
  #stopped = false;

  constructor(options: KeepaliveOptions) {
    this.#options = options;
    this.#armIdle();
  }

  /** Something arrived from the server: it is alive. */
  activity(): void {
    if (this.#stopped) return;
    if (this.#answer) clearTimeout(this.#answer);
    this.#answer = null;
    this.#armIdle();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#idle) clearTimeout(this.#idle);
    if (this.#answer) clearTimeout(this.#answer);
    this.#idle = null;
    this.#answer = null;
  }

  #armIdle(): void {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = setTimeout(() => this.#probe(), this.#options.idleMs);
  }

  #probe(): void {
    this.#idle = null;
    if (this.#stopped) return;
    this.#answer = setTimeout(() => {
      this.#answer = null;
      if (!this.#stopped) this.#options.onDead();
    }, this.#options.answerMs);
    this.#options.probe();
  }
}
