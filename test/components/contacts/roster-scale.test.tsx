import { render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { describe, expect, it } from 'vitest';
import type { RosterItem } from '../../../app/domain/chat.js';
import { ok } from '../../../app/ipc/result.js';
import { ApiProvider } from '../../../renderer/src/ApiContext.js';
import { FrameSchedulerProvider } from '../../../renderer/src/common/frame-batch.js';
import { ContactsView } from '../../../renderer/src/contacts/ContactsView.js';
import { RosterStoreProvider } from '../../../renderer/src/contacts/roster-store.js';
import { installLayoutStubs } from '../chat/layout-stubs.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { manualFrames } from '../fixtures/manual-frames.js';
import { ACCOUNT_ID } from '../fixtures/verdicts.js';

installLayoutStubs();

const GROUPS = 50;
const PER_GROUP = 100;
const jid = (i: number) => `c${String(i).padStart(4, '0')}@example.org`;
const ROSTER: RosterItem[] = Array.from({ length: GROUPS * PER_GROUP }, (_, i) => ({
  jid: jid(i),
  name: `Contact ${String(i).padStart(4, '0')}`,
  groups: [`Group ${String(Math.floor(i / PER_GROUP)).padStart(2, '0')}`],
  subscription: 'both',
  pendingOut: false,
  approved: false,
}));

function show() {
  const frames = manualFrames();
  let commits = 0;
  const fake = fakeApi({ getRoster: () => ok({ items: ROSTER, presence: [] }) });
  // The Profiler wraps the providers too: presence reaches the view through the roster store's context, and
  // React does not report a commit to a Profiler between a changed provider and the component that reads it.
  render(
    <Profiler id="roster" onRender={() => commits++}>
      <ApiProvider api={fake.api}>
        <FrameSchedulerProvider scheduler={frames.scheduler}>
          <RosterStoreProvider>
            <ContactsView accountId={ACCOUNT_ID} onOpenChat={() => undefined} />
          </RosterStoreProvider>
        </FrameSchedulerProvider>
      </ApiProvider>
    </Profiler>,
  );
  return { fake, frames, commits: () => commits };
}

describe('a roster of 5,000 contacts in 50 groups', () => {
  it('puts only a screenful of rows in the DOM, each saying its place in the whole list', async () => {
    show();
    await screen.findAllByTestId('contact');
    const shown = screen.getAllByTestId('contact');
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(40);
    const rows = screen.getByRole('list', { name: 'Contacts' }).querySelectorAll('li');
    expect([...rows].map((r) => r.getAttribute('aria-setsize'))).toEqual(Array(rows.length).fill(String(GROUPS * PER_GROUP + GROUPS)));
    expect(rows[0]?.getAttribute('aria-posinset')).toBe('1');
    expect(rows[1]?.getAttribute('aria-posinset')).toBe('2');
  });

  it('100 presence updates in one frame are one render, shown after the frame', async () => {
    const { fake, frames, commits } = show();
    await screen.findAllByTestId('contact');
    const before = commits();
    const first = () => screen.getAllByTestId('contact').find((c) => c.dataset.jid === jid(0))?.textContent;
    for (let i = 0; i < 100; i++) {
      fake.emit('presenceChanged', { accountId: ACCOUNT_ID, presence: { jid: jid(i % 3), resources: [{ resource: 'r', show: 'away', status: `s${i}`, priority: 0 }] } });
    }
    // Nothing is applied before the frame (the DOM is written in the commit, so this is not a check on timing).
    expect(first()).not.toContain('Away');
    frames.frame();
    expect(first()).toContain('Away — s99');
    // The frame's 100 updates were one commit.
    expect(commits()).toBe(before + 1);
  });
});
