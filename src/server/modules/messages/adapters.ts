/**
 * The channels a message leaves by: e-mail over SMTP (nodemailer), and WhatsApp or SMS through an
 * HTTP gateway, with presets for the shapes Indonesian gateways take. Each send carries the
 * outbox row's id as its idempotency key (the Message-ID of an e-mail, the Idempotency-Key header
 * and {{id}} of a gateway call), so a send repeated after a crash is recognisable as the same one.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { GatewayConfig, SmtpConfig } from '../../../api/booking.js';

export interface OutgoingMessage {
  /** the outbox row's id: the idempotency key */
  id: string;
  recipient: string;
  subject: string;
  body: string;
}

/** Sends one message; throws with a readable reason when the channel refused or failed. */
export interface Adapter {
  send(message: OutgoingMessage): Promise<void>;
}

const SEND_TIMEOUT_MS = 15_000;

export function emailAdapter(config: SmtpConfig): Adapter {
  const transport: Transporter = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.user ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  return {
    async send(m) {
      await transport.sendMail({
        from: config.from,
        to: m.recipient,
        subject: m.subject,
        text: m.body,
        messageId: `<${m.id}@loket.outbox>`,
        headers: { 'X-Loket-Message': m.id },
      });
    },
  };
}

/** A JSON string's inside: what replaces {{…}} in a body template. */
const jsonText = (value: string) => JSON.stringify(value).slice(1, -1);

export function gatewayBody(config: GatewayConfig, m: OutgoingMessage): string {
  switch (config.preset) {
    case 'fonnte':
      return JSON.stringify({ target: m.recipient, message: m.body });
    case 'wablas':
      return JSON.stringify({ phone: m.recipient, message: m.body });
    case 'json': {
      // one pass, with a function: a value is put in as written, never read as a $-pattern of
      // replace() nor searched again for the placeholders after it
      const values: Record<string, string> = { to: m.recipient, message: m.body, id: m.id };
      return (config.bodyTemplate ?? '{"to":"{{to}}","message":"{{message}}","id":"{{id}}"}').replace(
        /\{\{(to|message|id)\}\}/g,
        (_, name: string) => jsonText(values[name] ?? ''),
      );
    }
  }
}

export function gatewayAdapter(config: GatewayConfig): Adapter {
  return {
    async send(m) {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': m.id };
      if (config.token) {
        // Fonnte and Wablas take the bare token; a generic JSON gateway a bearer token
        headers.authorization = config.preset === 'json' ? `Bearer ${config.token}` : config.token;
      }
      const res = await fetch(config.url, {
        method: 'POST',
        headers,
        body: gatewayBody(config, m),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      const text = await res.text().catch(() => '');
      if (!res.ok) throw new Error(`gateway answered ${res.status}: ${text.slice(0, 200)}`);
      // Fonnte and Wablas answer 200 with {"status": false, "reason": …} when they refuse
      try {
        const data = JSON.parse(text) as { status?: unknown; reason?: unknown; message?: unknown };
        if (data.status === false) throw new Error(`gateway refused: ${String(data.reason ?? data.message ?? text)}`);
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
      }
    },
  };
}
