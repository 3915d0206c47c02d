/**
 * Group commit for incoming messages. They come in bursts (the messages the server held while we were offline,
 * handed over at login; a busy room), and with one transaction each the commit was most of the cost of taking a
 * message in (issue 16's inbound pipeline benchmark: 0.35× the rate of a bare session). So the incoming messages
 * of one turn of the event loop share one transaction, committed when that turn is over (`defer`, setImmediate
 * in the app), which is also when the window first sees them: every event of the turn goes out after it.
 *
 * What a crash can cost: the messages of the turn it happened in, already shown but not saved. They are a copy of
 * what the server holds (its archive gives them back at the next catch-up, whose sync point live messages do not
 * move). Messages the user wrote are never in a group: they are committed at once (message-db.ts `store`), so a
 * message written offline survives a restart whatever happens.
 *
 * The owner opens and ends transactions; this file only decides when. Anything that needs a transaction of its
 * own or a committed file (an archive page, a deletion, a checkpoint, closing) calls `flush` first.
 */
export interface GroupCommitDeps {
  /** Opens the shared transaction. */
  readonly begin: () => void;
  /** Finishes the shared transaction's work (the text index of its messages) and commits it. */
  readonly commit: () => void;
  /** Ends the shared transaction after a failed commit, keeping nothing of it. */
  readonly rollback: () => void;
  /** Runs once the current turn is over. */
  readonly defer: (run: () => void) => void;
  /** A commit at the end of a turn failed (nobody is waiting on it to throw to): report it. */
  readonly failed: (error: unknown) => void;
}

export interface GroupCommit {
  /** Runs `write` inside this turn's shared transaction, opening it (and scheduling its commit) on first use. */
  within<T>(write: () => T): T;
  /** Commits the shared transaction now, if one is open. Throws what the commit threw (after rolling back). */
  flush(): void;
  /** The transaction is gone without a commit (the database was closed or replaced): forget it. */
  forget(): void;
}

export function createGroupCommit(deps: GroupCommitDeps): GroupCommit {
  // One counter, not a flag: a commit deferred for an earlier group must not end a later one.
  let open: number | null = null;
  let groups = 0;

  const flush = () => {
    if (open === null) return;
    open = null;
    try {
      deps.commit();
    } catch (error) {
      deps.rollback();
      throw error;
    }
  };

  return {
    within(write) {
      if (open === null) {
        deps.begin();
        groups += 1;
        const group = groups;
        open = group;
        deps.defer(() => {
          if (open !== group) return;
          try {
            flush();
          } catch (error) {
            deps.failed(error);
          }
        });
      }
      return write();
    },
    flush,
    forget() {
      open = null;
    },
  };
}
