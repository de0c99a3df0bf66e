/**
 * Messages to citizens (issue #11), mall admin: the channels Loket sends through — e-mail over
 * SMTP, WhatsApp and SMS through a gateway (Fonnte, Wablas, or any that takes a JSON body) — each
 * with a test message sent at once; and the outbox, every message with its channel, masked
 * recipient, text, tries and last error, filtered by status.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GatewayConfig, SmtpConfig } from '../../../api/booking';
import type { MallDetail } from '../../../api/catalog';
import { ApiError, api } from '../../lib/api';
import {
  CHANNELS,
  type ChannelName,
  type ChannelRow,
  type OutboxRow,
  type OutboxStatus,
  useChannels,
  useOutbox,
} from './bookingData';
import { adminPath } from './data';
import { str, useFormSubmit } from './form';
import { ListState } from './shared';
import {
  Badge,
  CheckBox,
  FormMessage,
  Panel,
  primaryButton,
  SelectField,
  secondaryButton,
  smallButton,
  TextArea,
  TextField,
} from './ui';

/** What the server shows in place of a stored password or token. */
const SECRET_MASK = '••••';

const PRESET_URL: Record<GatewayConfig['preset'], string> = {
  fonnte: 'https://api.fonnte.com/send',
  wablas: '',
  json: '',
};
const JSON_TEMPLATE = '{"to": "{{to}}", "message": "{{message}}", "ref": "{{id}}"}';

export function MessagesTab({ slug, mall }: { slug: string; mall: MallDetail }) {
  const { t } = useTranslation(['admin', 'common']);
  const channels = useChannels(slug);
  return (
    <div className="flex flex-col gap-4">
      <Panel title={t('admin:messages.channelsHeading')}>
        <p className="mb-3 text-slate-800">{t('admin:messages.channelsIntro')}</p>
        {channels.isPending && <p aria-live="polite">{t('common:loading')}</p>}
        {channels.error && (
          <p role="alert" className="font-semibold text-red-800">
            {channels.error.message}
          </p>
        )}
        {channels.data && (
          <div className="grid gap-4 xl:grid-cols-3">
            {CHANNELS.map((c) => {
              const row = channels.data.find((r) => r.channel === c) ?? null;
              return <ChannelForm key={c} slug={slug} channel={c} row={row} mall={mall} />;
            })}
          </div>
        )}
      </Panel>
      <Outbox slug={slug} timeZone={mall.timeZone} />
    </div>
  );
}

const text = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback);

function ChannelForm({
  slug,
  channel,
  row,
  mall,
}: {
  slug: string;
  channel: ChannelName;
  row: ChannelRow | null;
  mall: MallDetail;
}) {
  const { t, i18n } = useTranslation('admin');
  const client = useQueryClient();
  const { errors, formError, pending, submit } = useFormSubmit();
  const [saved, setSaved] = useState(false);
  const config = row?.config ?? {};
  const isEmail = channel === 'email';
  const [enabled, setEnabled] = useState(row?.enabled ?? false);
  const [preset, setPreset] = useState<GatewayConfig['preset']>(
    (['fonnte', 'wablas', 'json'] as const).find((p) => p === config.preset) ?? 'fonnte',
  );
  const [url, setUrl] = useState(text(config.url, PRESET_URL.fonnte));
  const secretStored = text(config[isEmail ? 'password' : 'token']) === SECRET_MASK;
  const when = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: mall.timeZone,
  });

  const labels = {
    'config.host': t('messages.smtp.host'),
    'config.port': t('messages.smtp.port'),
    'config.user': t('messages.smtp.user'),
    'config.password': t('messages.smtp.password'),
    'config.from': t('messages.smtp.from'),
    'config.preset': t('messages.gateway.preset'),
    'config.url': t('messages.gateway.url'),
    'config.token': t('messages.gateway.token'),
    'config.bodyTemplate': t('messages.gateway.bodyTemplate'),
  };
  const onSubmit = submit(labels, async (data, form) => {
    setSaved(false);
    const secret = str(data, isEmail ? 'config.password' : 'config.token');
    const body = isEmail
      ? {
          enabled,
          config: {
            host: str(data, 'config.host'),
            port: Number(str(data, 'config.port')),
            secure: data.get('config.secure') === 'on',
            ...(str(data, 'config.user') ? { user: str(data, 'config.user') } : {}),
            ...(secret ? { password: secret } : {}),
            from: str(data, 'config.from'),
          } satisfies SmtpConfig,
        }
      : {
          enabled,
          config: {
            preset,
            url: str(data, 'config.url'),
            ...(secret ? { token: secret } : {}),
            ...(preset === 'json' ? { bodyTemplate: str(data, 'config.bodyTemplate') } : {}),
          } satisfies GatewayConfig,
        };
    await api.put(adminPath(slug, `channels/${channel}`), body);
    // The secret is stored; the field empties, and "kept" shows beneath it.
    const secretField = form.elements.namedItem(isEmail ? 'config.password' : 'config.token');
    if (secretField instanceof HTMLInputElement) secretField.value = '';
    setSaved(true);
    await client.invalidateQueries({ queryKey: ['channels', slug] });
  });

  return (
    <section
      aria-labelledby={`channel-${channel}`}
      data-testid={`channel-${channel}`}
      className="min-w-0 rounded-xl border-2 border-slate-300 p-4"
    >
      <h3 id={`channel-${channel}`} className="text-lg font-bold">
        {t(`messages.channel.${channel}`)}
        {row?.enabled ? <Badge tone="green">{t('messages.on')}</Badge> : <Badge>{t('messages.off')}</Badge>}
      </h3>
      <p className="mb-3 text-sm text-slate-700">
        {row ? t('messages.updated', { when: when.format(row.updatedAt) }) : t('messages.notConfigured')}
      </p>
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-3">
        <CheckBox
          label={t('messages.enabled')}
          name="enabled"
          checked={enabled}
          onChange={(on) => {
            setSaved(false);
            setEnabled(on);
          }}
        />
        {isEmail ? (
          <>
            <TextField
              label={labels['config.host']}
              name="config.host"
              required
              maxLength={200}
              defaultValue={text(config.host)}
              placeholder="smtp.blorakab.go.id"
              hint={t('messages.smtp.hostHint')}
              error={errors['config.host']}
            />
            <div className="grid grid-cols-2 gap-3">
              <TextField
                label={labels['config.port']}
                name="config.port"
                type="number"
                inputMode="numeric"
                required
                min={1}
                max={65535}
                defaultValue={typeof config.port === 'number' ? config.port : 587}
                error={errors['config.port']}
              />
              <div className="pt-5">
                <CheckBox
                  label={t('messages.smtp.secure')}
                  name="config.secure"
                  defaultChecked={config.secure === true}
                />
              </div>
            </div>
            <p className="-mt-2 text-sm text-slate-700">{t('messages.smtp.portHint')}</p>
            <TextField
              label={labels['config.user']}
              name="config.user"
              maxLength={200}
              autoComplete="off"
              defaultValue={text(config.user)}
              error={errors['config.user']}
            />
            <TextField
              label={labels['config.password']}
              name="config.password"
              type="password"
              maxLength={200}
              autoComplete="new-password"
              hint={secretStored ? t('messages.secretStored') : t('messages.smtp.passwordHint')}
              error={errors['config.password']}
            />
            <TextField
              label={labels['config.from']}
              name="config.from"
              required
              minLength={3}
              maxLength={200}
              defaultValue={text(config.from)}
              placeholder={`${mall.name} <mpp@blorakab.go.id>`}
              hint={t('messages.smtp.fromHint')}
              error={errors['config.from']}
            />
          </>
        ) : (
          <>
            <SelectField
              label={labels['config.preset']}
              name="config.preset"
              value={preset}
              onChange={(e) => {
                const next = e.target.value as GatewayConfig['preset'];
                if (url === '' || url === PRESET_URL[preset]) setUrl(PRESET_URL[next]);
                setPreset(next);
                setSaved(false);
              }}
              options={[
                { value: 'fonnte', label: 'Fonnte' },
                { value: 'wablas', label: 'Wablas' },
                { value: 'json', label: t('messages.gateway.json') },
              ]}
              hint={t(`messages.gateway.presetHint.${preset}`)}
              error={errors['config.preset']}
            />
            <TextField
              label={labels['config.url']}
              name="config.url"
              type="url"
              required
              maxLength={500}
              pattern="https?://.+"
              data-hint={t('messages.gateway.urlFormat')}
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder={preset === 'wablas' ? 'https://jogja.wablas.com/api/send-message' : 'https://'}
              hint={t('messages.gateway.urlHint')}
              error={errors['config.url']}
            />
            <TextField
              label={labels['config.token']}
              name="config.token"
              type="password"
              maxLength={500}
              autoComplete="new-password"
              hint={secretStored ? t('messages.secretStored') : t('messages.gateway.tokenHint')}
              error={errors['config.token']}
            />
            {preset === 'json' && (
              <TextArea
                label={labels['config.bodyTemplate']}
                name="config.bodyTemplate"
                required
                rows={3}
                maxLength={2000}
                defaultValue={text(config.bodyTemplate, JSON_TEMPLATE)}
                hint={t('messages.gateway.bodyTemplateHint', { to: '{{to}}', message: '{{message}}', id: '{{id}}' })}
                error={errors['config.bodyTemplate']}
                className="[&_textarea]:font-mono"
              />
            )}
          </>
        )}
        <div>
          <button type="submit" className={primaryButton} disabled={pending}>
            {pending ? t('saving') : t('messages.save')}
          </button>
        </div>
        <FormMessage error={formError} success={saved ? t('messages.saved') : null} />
      </form>
      <TestSend slug={slug} channel={channel} configured={row !== null} />
    </section>
  );
}

/** "Kirim uji": one message through the stored settings, now, and what the gateway answered. */
function TestSend({ slug, channel, configured }: { slug: string; channel: ChannelName; configured: boolean }) {
  const { t } = useTranslation(['admin', 'common']);
  const [to, setTo] = useState('');
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const isEmail = channel === 'email';
  const send = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!to.trim()) {
      setResult({ ok: false, text: t('admin:messages.test.toRequired') });
      return;
    }
    setPending(true);
    setResult(null);
    try {
      const res = await api.post<{ ok: boolean; error?: string }>(adminPath(slug, `channels/${channel}/test`), {
        to: to.trim(),
      });
      setResult(
        res.ok
          ? { ok: true, text: t('admin:messages.test.sent', { to: to.trim() }) }
          : { ok: false, text: t('admin:messages.test.failed', { error: res.error ?? '' }) },
      );
    } catch (err) {
      setResult({ ok: false, text: err instanceof ApiError ? err.message : t('common:error') });
    } finally {
      setPending(false);
    }
  };
  return (
    <form noValidate onSubmit={send} className="mt-4 border-t-2 border-slate-200 pt-3">
      <div className="flex flex-wrap items-end gap-2">
        <TextField
          label={t('admin:messages.test.to')}
          name="to"
          type={isEmail ? 'email' : 'tel'}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          autoComplete="off"
          placeholder={isEmail ? 'nama@contoh.go.id' : '0812 3456 7890'}
          className="min-w-0 flex-1"
          hint={configured ? t('admin:messages.test.hint') : t('admin:messages.test.saveFirst')}
        />
        <button type="submit" className={`${secondaryButton} mb-[1.1rem]`} disabled={pending || !configured}>
          {pending ? t('admin:messages.test.sending') : t('admin:messages.test.send')}
        </button>
      </div>
      <FormMessage error={result && !result.ok ? result.text : null} success={result?.ok ? result.text : null} />
    </form>
  );
}

const FILTERS: { value: OutboxStatus | ''; key: string }[] = [
  { value: '', key: 'all' },
  { value: 'sent', key: 'sent' },
  { value: 'pending', key: 'pending' },
  { value: 'failed', key: 'failed' },
  { value: 'unsent', key: 'unsent' },
  { value: 'cancelled', key: 'cancelled' },
];

const STATUS_TONE: Record<OutboxStatus, 'grey' | 'green' | 'amber'> = {
  pending: 'amber',
  sending: 'amber',
  sent: 'green',
  failed: 'amber',
  unsent: 'grey',
  cancelled: 'grey',
};

function Outbox({ slug, timeZone }: { slug: string; timeZone: string }) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const [status, setStatus] = useState<OutboxStatus | ''>('');
  const outbox = useOutbox(slug, status);
  const when = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  });
  const th = 'px-2 py-2 text-left text-sm font-semibold whitespace-nowrap';
  const kind = (k: string) => t(`admin:messages.kind.${k}`, { defaultValue: k });

  return (
    <Panel
      title={t('admin:messages.outboxHeading')}
      testId="outbox"
      actions={
        <button type="button" className={smallButton} onClick={() => void outbox.refetch()}>
          {t('admin:messages.refresh')}
        </button>
      }
    >
      <p className="mb-3 text-slate-800">{t('admin:messages.outboxIntro')}</p>
      <fieldset className="mb-3">
        <legend className="mb-1 text-sm font-semibold">{t('admin:messages.filter')}</legend>
        <div className="flex flex-wrap gap-2">
          {FILTERS.map((f) => (
            <button
              key={f.key}
              type="button"
              aria-pressed={status === f.value}
              onClick={() => setStatus(f.value)}
              className={`min-h-10 rounded-lg border-2 px-3 text-sm font-semibold ${
                status === f.value
                  ? 'border-brand-800 bg-brand-800 text-white'
                  : 'border-brand-700 bg-white text-brand-800 hover:bg-brand-50'
              }`}
            >
              {t(`admin:messages.filters.${f.key}`)}
            </button>
          ))}
        </div>
      </fieldset>
      <ListState query={outbox} empty={status ? t('admin:messages.emptyFilter') : t('admin:messages.empty')} />
      {outbox.data && outbox.data.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard
        // biome-ignore lint/a11y/useSemanticElements: a named region inside a section, not a section of the page
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t('admin:messages.outboxHeading')}>
          <table className="w-full border-collapse">
            <thead>
              <tr className="border-b-2 border-slate-400">
                <th scope="col" className={th}>
                  {t('admin:messages.col.when')}
                </th>
                <th scope="col" className={th}>
                  {t('admin:messages.col.channel')}
                </th>
                <th scope="col" className={th}>
                  {t('admin:messages.col.recipient')}
                </th>
                <th scope="col" className={th}>
                  {t('admin:messages.col.text')}
                </th>
                <th scope="col" className={th}>
                  {t('admin:messages.col.status')}
                </th>
                <th scope="col" className={`${th} text-right`}>
                  {t('admin:messages.col.tries')}
                </th>
                <th scope="col" className={th}>
                  {t('admin:messages.col.lastError')}
                </th>
              </tr>
            </thead>
            <tbody>
              {outbox.data.map((m) => (
                <OutboxLine key={m.id} m={m} when={when} kind={kind} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

function OutboxLine({ m, when, kind }: { m: OutboxRow; when: Intl.DateTimeFormat; kind: (k: string) => string }) {
  const { t } = useTranslation('admin');
  const long = m.body.length > 160;
  return (
    <tr className="border-b border-slate-200 align-top" data-testid="outbox-row" data-status={m.status}>
      <td className="px-2 py-2 text-sm whitespace-nowrap">
        {when.format(m.createdAt)}
        {m.sentAt !== null && (
          <span className="block text-slate-700">{t('messages.sentAt', { when: when.format(m.sentAt) })}</span>
        )}
      </td>
      <td className="px-2 py-2 text-sm whitespace-nowrap">{t(`messages.channel.${m.channel}`)}</td>
      <td className="px-2 py-2 font-mono text-sm whitespace-nowrap">{m.recipient}</td>
      <td className="max-w-md px-2 py-2 text-sm">
        <span className="block font-semibold">{kind(m.kind)}</span>
        {m.subject && m.channel === 'email' && <span className="block">{m.subject}</span>}
        {long ? (
          <details>
            <summary className="cursor-pointer text-slate-800">{`${m.body.slice(0, 140)}…`}</summary>
            <p className="whitespace-pre-line">{m.body}</p>
          </details>
        ) : (
          <span className="block whitespace-pre-line text-slate-800">{m.body}</span>
        )}
      </td>
      <td className="px-2 py-2 whitespace-nowrap">
        <Badge tone={STATUS_TONE[m.status]}>{t(`messages.status.${m.status}`)}</Badge>
      </td>
      <td className="px-2 py-2 text-right tabular-nums">{m.tries}</td>
      <td className="max-w-xs px-2 py-2 text-sm break-words text-red-900">{m.lastError ?? '—'}</td>
    </tr>
  );
}
