/**
 * The roster (RFC 6121 §2) through the app's requests on a real Prosody: adding a contact with a name and
 * groups, renaming and regrouping it, removing it; each change arrives as a rosterChanged event (the
 * server's push, §2.1.6), is what getRoster answers, and is what another login of the account finds.
 */
import type { RosterItem } from '../../../app/domain/chat.js';
import { describe, expect, it } from 'vitest';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { chatSuite } from './chat-suite.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

describe.runIf(available)('the roster through the app', () => {
  const suite = chatSuite();

  const open = suite.open;

  const itemOf = (items: readonly RosterItem[], jid: string) => items.find((i) => i.jid === jid);

  it('add, rename and regroup, remove: pushed to this device and to another login', async () => {
    const desk = await open('alice@valid.test', 'desk');
    const phone = await open('alice@valid.test', 'phone');
    expect((await desk.call('getRoster', { accountId: desk.accountId })).items).toEqual([]);

    // Add: Carol with a name and two groups. Carol has no account here; the roster does not care.
    let mark = desk.mark();
    let phoneMark = phone.mark();
    await desk.call('addContact', { accountId: desk.accountId, jid: 'carol@valid.test', name: 'Carol', groups: ['Work', 'Chess'] });
    const added = await desk.next('rosterChanged', (p) => itemOf(p.items, 'carol@valid.test') !== undefined, { after: mark });
    expect(itemOf(added.items, 'carol@valid.test')).toMatchObject({ name: 'Carol', subscription: 'none' });
    expect([...(itemOf(added.items, 'carol@valid.test')?.groups ?? [])].sort()).toEqual(['Chess', 'Work']);
    // The other device hears of it as well (the server pushes to every resource that asked for the roster).
    const onPhone = await phone.next('rosterChanged', (p) => itemOf(p.items, 'carol@valid.test')?.name === 'Carol', { after: phoneMark });
    expect(onPhone.accountId).toBe(phone.accountId);
    // addContact also asks for Carol's presence: the item shows the request pending.
    await desk.next('rosterChanged', (p) => itemOf(p.items, 'carol@valid.test')?.pendingOut === true, { after: mark });

    // Rename and regroup.
    mark = desk.mark();
    phoneMark = phone.mark();
    await desk.call('updateContact', { accountId: desk.accountId, jid: 'carol@valid.test', name: 'Carol B.', groups: ['Family'] });
    const renamed = await desk.next('rosterChanged', (p) => itemOf(p.items, 'carol@valid.test')?.name === 'Carol B.', { after: mark });
    expect(itemOf(renamed.items, 'carol@valid.test')?.groups).toEqual(['Family']);
    await phone.next('rosterChanged', (p) => itemOf(p.items, 'carol@valid.test')?.name === 'Carol B.', { after: phoneMark });
    expect(itemOf((await phone.call('getRoster', { accountId: phone.accountId })).items, 'carol@valid.test')).toMatchObject({
      name: 'Carol B.',
      groups: ['Family'],
    });

    // No name and no groups: both cleared.
    mark = desk.mark();
    await desk.call('updateContact', { accountId: desk.accountId, jid: 'carol@valid.test', name: null, groups: [] });
    const cleared = await desk.next('rosterChanged', (p) => itemOf(p.items, 'carol@valid.test')?.name === null, { after: mark });
    expect(itemOf(cleared.items, 'carol@valid.test')?.groups).toEqual([]);

    // A second contact, then a fresh login finds both as the server keeps them.
    mark = desk.mark();
    await desk.call('addContact', { accountId: desk.accountId, jid: 'dave@valid.test', name: 'Dave', groups: ['Work'] });
    await desk.next('rosterChanged', (p) => itemOf(p.items, 'dave@valid.test') !== undefined, { after: mark });
    const laptop = await open('alice@valid.test', 'laptop');
    const fresh = await laptop.call('getRoster', { accountId: laptop.accountId });
    expect(fresh.items.map((i) => i.jid).sort()).toEqual(['carol@valid.test', 'dave@valid.test']);
    expect(itemOf(fresh.items, 'carol@valid.test')).toMatchObject({ name: null, groups: [] });
    expect(itemOf(fresh.items, 'dave@valid.test')).toMatchObject({ name: 'Dave', groups: ['Work'] });

    // Remove: gone everywhere, and gone for the next login too.
    mark = desk.mark();
    const laptopMark = laptop.mark();
    await desk.call('removeContact', { accountId: desk.accountId, jid: 'carol@valid.test' });
    const removed = await desk.next('rosterChanged', (p) => itemOf(p.items, 'carol@valid.test') === undefined, { after: mark });
    expect(removed.items.map((i) => i.jid)).toEqual(['dave@valid.test']);
    await laptop.next('rosterChanged', (p) => itemOf(p.items, 'carol@valid.test') === undefined, { after: laptopMark });
    const later = await open('alice@valid.test', 'tablet');
    expect((await later.call('getRoster', { accountId: later.accountId })).items.map((i) => i.jid)).toEqual(['dave@valid.test']);
  });

  it('refuses roster requests while the account is not online', async () => {
    const client = await open('bob@valid.test', 'desk');
    await client.call('disconnect', { accountId: client.accountId });
    await expect(client.call('addContact', { accountId: client.accountId, jid: 'carol@valid.test' })).rejects.toThrow(/failed: failed: .*not online/);
    // What it knew stays readable.
    expect(await client.call('getRoster', { accountId: client.accountId })).toEqual({ items: [], presence: [] });
  });
});
