/**
 * Waits for a condition the test can look at (a count, a file's content, a flag), polling briefly. This is how
 * a test waits for something to happen; to show that something did NOT happen, use a barrier instead (send a
 * marker after it, wait for the marker, then look).
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
