import { SmtpReceiver, WebhookReceiver } from '@app/testing';
import type {
  EmailReceipt,
  ReceiversReply,
  ReceiversRequest,
  WebhookReceipt,
} from './receivers-protocol.js';

/**
 * The subscribers, in a process of their own so that receiving costs Vigil nothing: webhook
 * endpoints that verify every delivery with `standardwebhooks` (WebhookReceiver of
 * @app/testing) and one SMTP server (`smtp-server`, each message read back with `mailparser`)
 * for every mailbox. A confirmation email's link is followed at once, as a subscriber would.
 */

const CONFIRM_LINK = /https?:\/\/[^\s"'<>]+\/v1\/subscriptions\/confirm\?token=[A-Za-z0-9_-]+/;
const ITEM_URL = /https:\/\/news\.example\.org\/[A-Za-z0-9-]+\/\d+/g;

const webhooks: WebhookReceiver[] = [];
let smtp: SmtpReceiver | undefined;
const pendingEmails: EmailReceipt[] = [];
const confirmed: string[] = [];
let confirmationFailures = 0;

function reply(message: ReceiversReply): void {
  process.send?.(message);
}

function readPayload(body: string): { url: string | null; type: string } {
  try {
    const payload = JSON.parse(body) as { type?: string; data?: { item?: { url?: string } } };
    return { url: payload.data?.item?.url ?? null, type: payload.type ?? 'untyped' };
  } catch {
    return { url: null, type: 'not JSON' };
  }
}

function confirm(address: string, link: string): void {
  fetch(link).then(
    async (response) => {
      await response.arrayBuffer();
      if (response.ok) confirmed.push(address);
      else confirmationFailures += 1;
    },
    () => {
      confirmationFailures += 1;
    },
  );
}

function takeEmails(): void {
  for (const email of smtp?.received.splice(0) ?? []) {
    const text = `${email.mail.text ?? ''}\n${typeof email.mail.html === 'string' ? email.mail.html : ''}`;
    const link = CONFIRM_LINK.exec(text);
    if (link) {
      confirm(email.to, link[0]);
      continue;
    }
    const urls = [...new Set(text.match(ITEM_URL) ?? [])];
    pendingEmails.push([email.to, urls, email.receivedAt]);
  }
}

async function start(count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    webhooks.push(await WebhookReceiver.start());
  }
  smtp = await SmtpReceiver.start();
  setInterval(takeEmails, 100).unref();
  reply({ type: 'ready', urls: webhooks.map((receiver) => receiver.url), smtpUrl: smtp.url });
}

function report(): void {
  takeEmails();
  const receipts: WebhookReceipt[] = [];
  webhooks.forEach((receiver, index) => {
    // Taken out once reported: a soak would otherwise keep every body.
    for (const each of receiver.received.splice(0)) {
      const { url, type } = readPayload(each.body);
      receipts.push([index, each.id, url, each.verified, each.receivedAt, type]);
    }
  });
  reply({
    type: 'report',
    webhooks: receipts,
    emails: pendingEmails.splice(0),
    confirmed: [...confirmed],
    confirmationFailures,
  });
}

process.on('message', (message: ReceiversRequest) => {
  switch (message.type) {
    case 'start':
      void start(message.webhooks);
      return;
    case 'secrets':
      message.secrets.forEach((secret, index) => {
        const receiver = webhooks[index];
        if (receiver) receiver.secret = secret;
      });
      reply({ type: 'secrets-set' });
      return;
    case 'report':
      report();
      return;
  }
});
process.on('SIGINT', () => undefined);
process.once('disconnect', () => {
  void Promise.all([...webhooks.map((receiver) => receiver.stop()), smtp?.stop()]).then(() =>
    process.exit(0),
  );
});
