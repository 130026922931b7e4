// Waiting for asynchronous deliveries in the event-stream tests: a deadline, never a speed assertion.

/** Resolves once `condition()` holds; rejects with `description` if it still does not after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean,
  { description, timeoutMs = 30_000 }: { description: string; timeoutMs?: number },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
