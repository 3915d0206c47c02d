import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../app/ipc/result.js';
import { MessageItem } from '../../../renderer/src/chat/MessageItem.js';
import { FOLD_AT } from '../../../renderer/src/chat/MessageText.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { message } from '../fixtures/messages.js';
import { renderWithApi } from '../render-with-api.js';

function show(body: string, extra: Parameters<typeof message>[0] = {}) {
  const fake = fakeApi({ openExternal: () => ok(null) });
  // A group of one: the message shows its sender, time and state, as it did before messages were grouped.
  const { container } = renderWithApi(<MessageItem message={message({ body, ...extra })} senderName="Bob" groupStart groupEnd showsState />, fake.api);
  return { fake, container, body: screen.getByTestId('message-body') };
}

/** Every element inside the body must be one the component made: a bdi wrapper or a link button. */
function foreignElements(root: Element): string[] {
  return [...root.querySelectorAll('*')].map((el) => el.tagName.toLowerCase()).filter((tag) => tag !== 'bdi' && tag !== 'button');
}

describe('message rendering of hostile text', () => {
  it('shows script tags and HTML as text, creating no element from them', () => {
    const body = '<script>window.pwned = 1</script><img src=x onerror="alert(1)"><a href="https://evil.example">x</a>';
    const { container, body: el } = show(body);
    expect(el.textContent).toBe(body);
    expect(container.querySelector('script, img, a, iframe')).toBeNull();
    expect(foreignElements(el)).toEqual([]);
  });

  it('never makes javascript:, data: or file: links clickable', () => {
    const body = 'javascript:alert(1) data:text/html,<b>x</b> file:///etc/passwd JavaScript:alert(2)';
    const { body: el, fake } = show(body);
    expect(el.querySelectorAll('button')).toHaveLength(0);
    expect(el.textContent).toBe(body);
    expect(fake.callsOf('openExternal')).toEqual([]);
  });

  it('turns http(s) and xmpp links into buttons that open only on click, trimming sentence punctuation', () => {
    const { body: el, fake } = show('See https://example.org/a_(b), or xmpp:room@conference.example.org?join.');
    const buttons = [...el.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['https://example.org/a_(b)', 'xmpp:room@conference.example.org?join']);
    expect(fake.callsOf('openExternal')).toEqual([]);
    fireEvent.click(buttons[0] as HTMLElement);
    expect(fake.callsOf('openExternal')).toEqual([{ url: 'https://example.org/a_(b)' }]);
  });

  it('does not treat a link glued to a word as a link', () => {
    const { body: el } = show('clickhttps://evil.example now');
    expect(el.querySelectorAll('button')).toHaveLength(0);
  });

  it('isolates bidi overrides in the body, and a right-to-left override ends a link', () => {
    const body = 'invoice \u202Efdp.exe\u202C and https://example.org/\u202Egpj.exe';
    const { body: el } = show(body);
    expect(el.tagName).toBe('BDI');
    expect(el.textContent).toBe(body);
    expect([...el.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['https://example.org/']);
  });

  it('shows a 100 KB body as text, folded, with the whole text one click away', () => {
    const body = `${'<b>bold</b> '.repeat(8000)}${'x'.repeat(100 * 1024 - 8000 * 12)}`;
    expect(body.length).toBe(100 * 1024);
    const { body: el, container } = show(body);
    expect(el.textContent?.length).toBe(FOLD_AT + 1);
    fireEvent.click(screen.getByRole('button', { name: /Show the whole message/ }));
    expect(screen.getByTestId('message-body').textContent).toBe(body);
    expect(container.querySelector('b')).toBeNull();
  });

  it('shows the delivery state of our own messages, with the error when it failed', () => {
    show('hi', { direction: 'out', state: 'failed', error: 'The recipient does not exist.' });
    expect(screen.getByTestId('message-state').textContent).toContain('Not delivered: The recipient does not exist.');
  });

  it.each([
    ['queued', 'Sending…'],
    ['sent', 'Sent'],
    ['delivered', 'Delivered'],
  ] as const)('says %s as "%s"', (state, text) => {
    show('hi', { direction: 'out', state });
    expect(screen.getByTestId('message-state').textContent).toContain(text);
  });

  it('shows no delivery state on received messages', () => {
    show('hi');
    expect(screen.queryByTestId('message-state')).toBeNull();
  });
});
