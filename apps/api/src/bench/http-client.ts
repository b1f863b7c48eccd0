import net from 'node:net';

/**
 * One keep-alive HTTP/1.1 connection sending one request at a time, for load generators on the
 * machine under test: the request goes out as one write, and the answer is read only as far as
 * its status line and its length (the body is skipped). node:http's client spent 0.2–0.3 ms of CPU
 * per request in bench:intake, a tenth of the two cores the server is measured on.
 *
 * Answers must carry a Content-Length (Fastify's do); anything else fails the request and closes
 * the connection, as does an error or a close by the server. The next request reconnects.
 */
export class KeepAliveConnection {
  private socket: net.Socket | null = null;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (status: number) => void; reject: (e: Error) => void } | null = null;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  /** POSTs `body` (JSON) to `path` with the extra header lines given (`name: value\r\n` each); resolves with the status code. */
  post(path: string, headerLines: string, body: string): Promise<number> {
    if (this.waiting) return Promise.reject(new Error('a request is already in flight on this connection'));
    const socket = (this.socket ??= this.connect());
    return new Promise<number>((resolve, reject) => {
      this.waiting = { resolve, reject };
      socket.write(`POST ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${headerLines}\r\n${body}`);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private connect(): net.Socket {
    const socket = net.connect(this.port, this.host);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.received(chunk));
    socket.on('error', (e) => this.fail(socket, e));
    socket.on('close', () => this.fail(socket, new Error('connection closed by the server')));
    return socket;
  }

  private fail(socket: net.Socket, e: Error): void {
    if (this.socket === socket) this.socket = null;
    socket.destroy();
    this.buffer = Buffer.alloc(0);
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(e);
  }

  private received(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const headEnd = this.buffer.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = this.buffer.toString('latin1', 0, headEnd);
    const length = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head);
    if (!head.startsWith('HTTP/1.1 ') || !length) {
      if (this.socket) this.fail(this.socket, new Error(`unexpected answer: ${head.split('\r\n')[0]}`));
      return;
    }
    const end = headEnd + 4 + Number(length[1]);
    if (this.buffer.length < end) return;
    this.buffer = this.buffer.subarray(end);
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.resolve(Number(head.slice(9, 12)));
  }
}
