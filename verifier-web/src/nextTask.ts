/**
 * Resolves in a new task of the event loop, so the browser can paint and handle input in between. A message on a
 * fresh channel, not setTimeout: nested timeouts are clamped to 4 ms each, and not every browser has scheduler.yield.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
