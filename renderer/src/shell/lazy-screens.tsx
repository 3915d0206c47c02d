import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/*
 * The screens the window does not open on, in chunks of their own, so that the first frame (the conversation
 * list) evaluates only what it shows. The settings area brings the trust center, the account forms (with the
 * request schemas and the address parser's IDNA tables) and the security panel; "Start a chat" the roster view
 * and the add-contact form. The trust decision dialog is NOT among them: a security prompt must appear at once.
 */

/**
 * React.lazy over a loader that keeps what it loaded. Once `preload` has finished, the component is handed to
 * React already settled (lazy takes any thenable; one that calls back at once does not suspend), so the screen
 * shows in the frame of the click. Without it every first opening would show "Loading…", and React keeps a
 * fallback up for at least 300 ms before it reveals what replaced it. The kept module is per loader, like the
 * module map of the page itself: loading it twice would give the same module.
 */
function preloadable<P extends object>(load: () => Promise<ComponentType<P>>) {
  type Module = { default: ComponentType<P> };
  let loaded: Module | null = null;
  const fetch = () => load().then((component) => (loaded = { default: component }));
  const settled = (module: Module) => ({ then: (resolve: (m: Module) => void) => resolve(module) });
  // The cast: React's types ask for a Promise, its code (and documentation) for any thenable.
  const Component = lazy<ComponentType<P>>(() => (loaded ? (settled(loaded) as unknown as Promise<Module>) : fetch()));
  return { Component, preload: () => fetch().then(() => undefined) };
}

const settings = preloadable(() => import('../settings/SettingsView.js').then((m) => m.SettingsView));
const startChat = preloadable(() => import('../contacts/StartChat.js').then((m) => m.StartChat));
const welcome = preloadable(() => import('./Welcome.js').then((m) => m.Welcome));
// The message search (Ctrl+F, Ctrl+Shift+F): an overlay, not a screen, but as little needed for the first frame.
const searchPanel = preloadable(() => import('../search/SearchPanel.js').then((m) => m.SearchPanel));
// Rooms: the room pane (with its people panel) and the join dialog are opened from the list or a shortcut.
const roomPane = preloadable(() => import('../rooms/RoomPane.js').then((m) => m.RoomPane));
const joinRoomDialog = preloadable(() => import('../rooms/JoinRoomDialog.js').then((m) => m.JoinRoomDialog));

export const SettingsView = settings.Component;
export const StartChat = startChat.Component;
export const Welcome = welcome.Component;
export const SearchPanel = searchPanel.Component;
export const RoomPane = roomPane.Component;
export const JoinRoomDialog = joinRoomDialog.Component;

/**
 * Loads "Start a chat", the settings and the search (Ctrl+N, Ctrl+,, Ctrl+F, the sidebar), for prepare-ahead.ts
 * to call ahead of the click. A failure here is not reported: the click loads the screen again and Suspense shows
 * what goes wrong.
 */
export function preloadScreens(): void {
  for (const screen of [startChat, settings, searchPanel, roomPane, joinRoomDialog]) screen.preload().catch(() => undefined);
}

/** What the right-hand side shows while a screen's chunk loads (a screen opened before it was preloaded). */
export function ScreenLoading({ children }: { readonly children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <p role="status" className="note">
          Loading…
        </p>
      }
    >
      {children}
    </Suspense>
  );
}
