/**
 * A pseudo-terminal pair for tests of the real serialport binding (no socat needed): python3
 * opens a pty, sets its slave side raw, prints the slave's path, then relays between the master
 * side and its stdin/stdout. The slave path is a real tty the binding opens; the test's model
 * (the sim's UART) reads and writes the other end through {@link PtyBridge}.
 */
export interface PtyBridge {
  /** The tty a SerialBinding opens (`/dev/pts/N`). */
  readonly path: string;
  /** Bytes to the tty's reader (what the board transmits). */
  write(bytes: Uint8Array): void;
  /** Bytes the tty's writer sent (what the host transmitted). */
  onData(listener: (bytes: Uint8Array) => void): void;
  close(): Promise<void>;
}

const RELAY = `
import os, sys, tty, select
m, s = os.openpty()
tty.setraw(s)
tty.setraw(m)
os.write(1, (os.ttyname(s) + "\\n").encode())
while True:
    r, _, _ = select.select([m, 0], [], [])
    if m in r:
        try:
            data = os.read(m, 65536)
        except OSError:
            data = b""
        if data:
            os.write(1, data)
    if 0 in r:
        data = os.read(0, 65536)
        if not data:
            break
        while data:
            n = os.write(m, data)
            data = data[n:]
`;

/** Starts the relay; resolves with the bridge, or with the reason a pty cannot be made here. */
export async function openPtyBridge(): Promise<PtyBridge | { unavailable: string }> {
  if (process.platform === 'win32') return { unavailable: 'no pseudo-terminals on Windows' };
  const { spawn } = await import('node:child_process');
  const child = spawn('python3', ['-u', '-c', RELAY], { stdio: ['pipe', 'pipe', 'pipe'] });
  const listeners: ((bytes: Uint8Array) => void)[] = [];
  let pending = Buffer.alloc(0);
  let path: string | undefined;
  return new Promise((resolve) => {
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => resolve({ unavailable: `python3 could not start: ${e.message}` }));
    child.on('exit', (code) => {
      if (path === undefined) resolve({ unavailable: `python3 exited (${code}) before opening a pty: ${stderr.trim()}` });
    });
    child.stdout.on('data', (d: Buffer) => {
      if (path !== undefined) {
        for (const l of listeners) l(new Uint8Array(d));
        return;
      }
      pending = Buffer.concat([pending, d]);
      const nl = pending.indexOf(0x0a);
      if (nl < 0) return;
      path = pending.subarray(0, nl).toString();
      const rest = pending.subarray(nl + 1);
      resolve({
        path,
        write: (bytes) => void child.stdin.write(Buffer.from(bytes)),
        onData: (listener) => {
          listeners.push(listener);
          if (rest.length > 0) listener(new Uint8Array(rest));
        },
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.stdin.end();
            child.kill();
          }),
      });
    });
  });
}
