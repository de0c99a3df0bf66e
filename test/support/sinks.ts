/**
 * Local stand-ins for the outside world a message leaves to, on 127.0.0.1 only: an SMTP server
 * that receives and parses each e-mail (smtp-server + mailparser), and an HTTP gateway whose
 * answer to each request the test scripts (fail, refuse, hang, accept).
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** the envelope's recipients (RCPT TO) */
  rcptTo: string[];
  mailFrom: string | null;
  /** the user the client authenticated as, if it did */
  user: string | null;
  parsed: ParsedMail;
}

export interface SmtpSink {
  port: number;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpSink(options: { user?: string; password?: string } = {}): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // plain text on 127.0.0.1: no certificate needed
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('invalid credentials'));
      }
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          mails.push({
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            user: typeof session.user === 'string' ? session.user : null,
            parsed,
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface GatewayRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the gateway does with its n-th request (1-based): answer it, or never answer. */
export type GatewayScript = (
  n: number,
  request: GatewayRequest,
) => { status: number; body: unknown; delayMs?: number } | 'hang';

export interface GatewaySink {
  port: number;
  url: string;
  requests: GatewayRequest[];
  /** the requests it is holding without an answer */
  held: ServerResponse[];
  script: GatewayScript;
  /** resolves once `count` requests have arrived */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startGatewaySink(script: GatewayScript, path = '/send'): Promise<GatewaySink> {
  const requests: GatewayRequest[] = [];
  const held: ServerResponse[] = [];
  const sink: GatewaySink = {
    port: 0,
    url: '',
    requests,
    held,
    script,
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline) throw new Error(`gateway sink: ${requests.length} of ${count} requests arrived`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(request);
      const answer = sink.script(requests.length, request);
      if (answer === 'hang') {
        held.push(res);
        return;
      }
      const respond = () => {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
      };
      if (answer.delayMs) setTimeout(respond, answer.delayMs);
      else respond();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  sink.port = (server.address() as AddressInfo).port;
  sink.url = `http://127.0.0.1:${sink.port}${path}`;
  return sink;
}
