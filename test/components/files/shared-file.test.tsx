/**
 * issue 14: files. A message with a shared file in the window: asked of main by itself once, shown as main
 * answers (a picture only from a data: URL of a picture, never the link), a Load button where the setting holds
 * it back, Save for files; Send a file with progress and Cancel; the picture setting in Preferences.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import type { SharedFileView } from '../../../app/domain/files.js';
import { ok } from '../../../app/ipc/result.js';
import { MessageItem } from '../../../renderer/src/chat/MessageItem.js';
import { SendFileButton } from '../../../renderer/src/chat/SendFileButton.js';
import { useFileSending } from '../../../renderer/src/chat/use-file-sending.js';
import { PictureLoadingSetting } from '../../../renderer/src/settings/PictureLoadingSetting.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { message, PEER } from '../fixtures/messages.js';
import { renderWithApi } from '../render-with-api.js';
import { BobPane } from '../chat/pane.js';
import { installLayoutStubs } from '../chat/layout-stubs.js';
import { ACCOUNT_ID } from '../fixtures/verdicts.js';

installLayoutStubs();

const LINK = 'https://upload.example.org/share/cat.png';

/** The button as the conversation shows it, with its sending state. */
function Sender() {
  const sending = useFileSending('acc', 'bob@example.org', () => undefined);
  return <SendFileButton sending={sending} />;
}
const PNG_DATA = 'data:image/png;base64,iVBORw0KGgo=';

function show(answers: SharedFileView[]) {
  const fake = fakeApi({ loadSharedFile: () => ok(answers.shift() ?? { kind: 'file', name: 'x', bytes: 1 }), saveSharedFile: () => ok({ saved: true }) });
  const shared: ChatMessage = message({ body: LINK, oobUrl: LINK });
  renderWithApi(<MessageItem message={shared} senderName="Bob" groupStart groupEnd showsState={false} />, fake.api);
  return fake;
}

describe('a shared file in a conversation', () => {
  it('asks main by itself once and shows the picture main made; the link itself is never shown or loaded', async () => {
    const fake = show([{ kind: 'picture', dataUrl: PNG_DATA, bytes: 8 }]);
    const img = await screen.findByTestId('shared-picture');
    expect(img.getAttribute('src')).toBe(PNG_DATA);
    expect(fake.callsOf('loadSharedFile')).toEqual([{ accountId: expect.any(String), peer: 'bob@example.org', id: expect.any(String), auto: true }]);
    expect(document.body.textContent).not.toContain(LINK);
    fireEvent.click(screen.getByRole('button', { name: /Show it larger/ }));
    expect(await screen.findByTestId('picture-dialog')).toBeTruthy();
  });

  it('a "picture" whose URL is not a picture data: URL is not put in an image', async () => {
    show([{ kind: 'picture', dataUrl: 'https://evil.example/x.png', bytes: 8 }]);
    await waitFor(() => expect(screen.getByTestId('shared-file').dataset.kind).toBe('picture'));
    expect(screen.queryByTestId('shared-picture')).toBeNull();
  });

  it('held back by the setting: Load asks again, not by itself', async () => {
    const fake = show([
      { kind: 'not-loaded', name: 'cat.png' },
      { kind: 'picture', dataUrl: PNG_DATA, bytes: 8 },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Load' }));
    await screen.findByTestId('shared-picture');
    expect(fake.callsOf('loadSharedFile').map((p) => p.auto)).toEqual([true, false]);
  });

  it('a file (not a picture by its content) and one too large to show can be saved, never opened', async () => {
    const fake = show([{ kind: 'file', name: 'cat.png', bytes: 38 }]);
    // The container is there while main answers ("Loading the file…"): wait for the answer, not the container.
    await waitFor(() => expect(screen.getByTestId('shared-file').getAttribute('data-kind')).toBe('file'));
    expect(screen.getByTestId('shared-file').textContent).toContain('a file, not a picture');
    fireEvent.click(screen.getByTestId('shared-file-save'));
    await screen.findByText('Saved.');
    expect(fake.callsOf('saveSharedFile')).toHaveLength(1);
  });

  it('too large: says so, and offers Save', async () => {
    show([{ kind: 'too-large', name: 'huge.png', limit: 8 * 1024 * 1024 }]);
    await waitFor(() => expect(screen.getByTestId('shared-file').getAttribute('data-kind')).toBe('too-large'));
    expect(screen.getByTestId('shared-file').textContent).toContain('is larger than 8.0 MB, so it was not loaded here.');
    expect(screen.getByTestId('shared-file-save')).toBeTruthy();
  });
});

describe('sending a file', () => {
  it('shows progress while main uploads, and Cancel asks main to stop that transfer', async () => {
    let finish: ((value: ReturnType<typeof ok<{ kind: 'cancelled' }>>) => void) | null = null;
    const fake = fakeApi({
      sendFile: () => new Promise((resolve) => (finish = resolve)),
      cancelFileTransfer: () => ok(null),
    });
    renderWithApi(<Sender />, fake.api);
    fireEvent.click(screen.getByTestId('send-file-button'));
    await screen.findByText('Preparing the file…');
    const { transferId } = fake.callsOf('sendFile')[0]!;
    fake.emit('fileTransferProgress', { transferId, sent: 50, total: 200 });
    await screen.findByText('Sending the file… 25%');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.callsOf('cancelFileTransfer')).toEqual([{ transferId }]);
    finish!(ok({ kind: 'cancelled' }));
    await screen.findByText('Sending the file was cancelled.');
  });
});

describe('dropping a file on the conversation', () => {
  it('sends its name and bytes to main, shows the message main sent, and takes nothing but files', async () => {
    const sent = message({ id: 'drop-1', direction: 'out', state: 'queued', body: 'https://upload.example.org/share/notes.txt', oobUrl: 'https://upload.example.org/share/notes.txt' });
    const fake = fakeApi({ sendDroppedFile: () => ok({ kind: 'sent' as const, message: sent }), loadSharedFile: () => ok({ kind: 'file' as const, name: 'notes.txt', bytes: 5 }) });
    renderWithApi(<BobPane />, fake.api);
    const pane = await screen.findByTestId('conversation-pane');
    // Text dragged from elsewhere is not a file: nothing is sent.
    fireEvent.drop(pane, { dataTransfer: { types: ['text/plain'], files: [] } });
    fireEvent.dragOver(pane, { dataTransfer: { types: ['Files'], files: [], dropEffect: 'none' } });
    expect(pane.className).toContain('is-drop-target');
    fireEvent.drop(pane, { dataTransfer: { types: ['Files'], files: [new File(['hello'], 'notes.txt', { type: 'text/plain' })] } });
    await waitFor(() => expect(fake.callsOf('sendDroppedFile')).toHaveLength(1));
    const call = fake.callsOf('sendDroppedFile')[0]!;
    expect({ ...call, transferId: typeof call.transferId, bytes: new TextDecoder().decode(call.bytes) }).toEqual({ accountId: ACCOUNT_ID, to: PEER, transferId: 'string', name: 'notes.txt', bytes: 'hello' });
    expect(pane.className).not.toContain('is-drop-target');
    await screen.findByText('notes.txt');
  });

  it('an empty file (or a folder) is refused in words, without asking main', async () => {
    const fake = fakeApi({});
    renderWithApi(<BobPane />, fake.api);
    const pane = await screen.findByTestId('conversation-pane');
    fireEvent.drop(pane, { dataTransfer: { types: ['Files'], files: [new File([], 'photos', { type: '' })] } });
    await screen.findByText('The file was not sent: "photos" is empty (or a folder).');
    expect(fake.callsOf('sendDroppedFile')).toEqual([]);
  });
});

describe('the picture setting', () => {
  it('shows what main keeps and saves a choice through main', async () => {
    let saved: 'contacts' | 'always' | 'never' = 'contacts';
    const fake = fakeApi({
      getFilePreferences: () => ok({ autoLoadPictures: saved }),
      setFilePreferences: (p) => {
        saved = p.autoLoadPictures;
        return ok({ autoLoadPictures: saved });
      },
    });
    renderWithApi(<PictureLoadingSetting />, fake.api);
    expect(((await screen.findByRole('radio', { name: 'From my contacts only' })) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: /Never/ }));
    await waitFor(() => expect((screen.getByRole('radio', { name: /Never/ }) as HTMLInputElement).checked).toBe(true));
    expect(fake.callsOf('setFilePreferences')).toEqual([{ autoLoadPictures: 'never' }]);
  });
});
