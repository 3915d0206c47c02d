/**
 * issue 14: files, in the real window with screenshots in both themes: a picture from someone not in the
 * contacts waits behind "Load"; loaded (by main, shown as the data: URL main made), it sits in the
 * conversation bounded in size and opens larger; a file Alice sends from "Send a file…" (main's dialog stood
 * in for) shows as a file to save, not as a picture.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { password } from '../harness/app-world.js';
import { screenshotBothThemes } from './support/both-themes.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { addAccountThroughForm, openConversation, UI_TIMEOUT, waitForStage, conversationRow } from './support/ui.js';

const available = e2eWorldAvailable();
const ALICE = 'alice@valid.test';
const BOB = 'bob@valid.test';

/** A small landscape PNG (a colour gradient) made here: no binary fixture. */
function gradientPng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows: number[] = [];
  for (let y = 0; y < height; y += 1) {
    rows.push(0);
    for (let x = 0; x < width; x += 1) rows.push(Math.round((255 * x) / width), Math.round((255 * y) / height), 180);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}

describe.runIf(available)('a conversation with a picture', () => {
  const rig = useE2eWorld({ fileShare: { sizeLimit: 1024 * 1024 } });
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hostproof-e2e-files-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a stranger\'s picture waits behind Load, then shows bounded and opens larger; a file sent is a file, in both themes', async () => {
    const picture = path.join(dir, 'sunset.png');
    await writeFile(picture, gradientPng(480, 300));
    const notes = path.join(dir, 'plans.txt');
    await writeFile(notes, 'The plans, as promised.\n');
    const bob = await rig.peer(BOB, { files: { pickFile: async () => picture, allowPrivateAddressesForTests: true } });
    const { harness } = await rig.open({ files: { pickFile: async () => notes, allowPrivateAddressesForTests: true } });
    const { page } = harness;
    await addAccountThroughForm(page, ALICE, password('alice'));
    await waitForStage(page, 'online');
    await page.keyboard.press('Escape');

    await bob.call('sendMessage', { accountId: bob.accountId, to: ALICE, body: 'Here is the view from the hill.' });
    const sent = await bob.call('sendFile', { accountId: bob.accountId, to: ALICE, transferId: 'sunset' });
    expect(sent.kind).toBe('sent');
    await conversationRow(page, BOB).waitFor({ timeout: UI_TIMEOUT });
    await openConversation(page, BOB);

    // Bob is not in Alice's contacts: by default his picture waits for her.
    const shared = page.getByTestId('shared-file');
    await shared.and(page.locator('[data-kind="not-loaded"]')).waitFor({ timeout: UI_TIMEOUT });
    expect(await shared.textContent()).toContain('sunset.png');
    await shared.getByRole('button', { name: 'Load' }).click();
    const img = page.getByTestId('shared-picture');
    await img.waitFor({ timeout: UI_TIMEOUT });
    expect(await img.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const box = await img.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(320);

    // Alice sends a text file: main's dialog (stood in for) picks it; it shows as a file to save.
    await page.getByTestId('send-file-button').click();
    const file = page.getByTestId('shared-file').and(page.locator('[data-kind="file"]'));
    await file.waitFor({ timeout: UI_TIMEOUT });
    expect(await file.textContent()).toContain('plans.txt');
    // The list names the file rather than showing its link.
    await conversationRow(page, BOB).filter({ hasText: 'You: Shared a file: plans.txt' }).waitFor({ timeout: UI_TIMEOUT });
    await screenshotBothThemes(harness, 'conversation-picture');

    await page.getByRole('button', { name: /Picture from .*Show it larger/ }).click();
    await page.getByTestId('picture-dialog').waitFor();
    await screenshotBothThemes(harness, 'conversation-picture-larger');
    await page.keyboard.press('Escape');
    await page.getByTestId('picture-dialog').waitFor({ state: 'detached' });
  });
});
