/**
 * The shared files main has loaded in this run, by link, so that a picture shown again (the message list
 * scrolled back to it, the conversation opened again) is not downloaded again. Bounded by what it holds (the
 * least recently shown goes first) and in memory only: nothing a contact sent is written to disk unasked.
 * A load still running is shared by everyone who asks for the same link meanwhile. Only what a download
 * decided is kept (a picture, or "a file, not a picture"); a failure is tried again next time.
 */
import type { SharedFileView } from '../../app/domain/files.js';

export interface LoadedFiles {
  /** The view of `url`, loaded now by `load` unless it is held or on its way. */
  get(url: string, load: () => Promise<SharedFileView>): Promise<SharedFileView>;
}

/** What an entry costs against the bound: a picture's data: URL, or a few bytes for a verdict. */
const costOf = (view: SharedFileView): number => (view.kind === 'picture' ? view.dataUrl.length : 64);

export function createLoadedFiles(maxChars: number): LoadedFiles {
  // A Map keeps insertion order: re-inserting on use makes its first key the least recently used.
  const held = new Map<string, SharedFileView>();
  const loading = new Map<string, Promise<SharedFileView>>();
  let total = 0;

  const keep = (url: string, view: SharedFileView) => {
    const cost = costOf(view);
    if (cost > maxChars) return;
    held.set(url, view);
    total += cost;
    for (const [oldest, old] of held) {
      if (total <= maxChars) break;
      held.delete(oldest);
      total -= costOf(old);
    }
  };

  return {
    get: (url, load) => {
      const view = held.get(url);
      if (view !== undefined) {
        held.delete(url);
        held.set(url, view);
        return Promise.resolve(view);
      }
      const pending = loading.get(url);
      if (pending !== undefined) return pending;
      const started = load().then(
        (loaded) => {
          loading.delete(url);
          if (loaded.kind === 'picture' || loaded.kind === 'file') keep(url, loaded);
          return loaded;
        },
        (error: unknown) => {
          loading.delete(url);
          throw error;
        },
      );
      loading.set(url, started);
      return started;
    },
  };
}
