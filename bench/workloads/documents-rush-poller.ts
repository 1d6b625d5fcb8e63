// Runs in its own process, so that the bench's own work (sending 600 MB of forms) never delays a poll:
// requests `url` every `everyMs` (one at a time) until told to stop, then reports each request's time.
const [url, everyMs, cookie = ''] = [process.argv[2], Number(process.argv[3]), process.argv[4]];
const times: number[] = [];
let failures = 0;
let running = true;
process.on('message', () => (running = false));


(async () => {
  // one request before the measured ones: the first fetch of a process loads its HTTP client
  await fetch(url, { headers: { cookie }, redirect: 'manual' }).then((res) => res.arrayBuffer(), () => undefined);
  process.send!('ready');
  while (running) {
    const started = performance.now();
    try {
      const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status !== 200) failures++;
    } catch {
      failures++;
    }
    const ms = performance.now() - started;
    times.push(ms);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, everyMs - ms)));
  }
  process.send!({ times, failures }, () => process.exit(0));
})();
