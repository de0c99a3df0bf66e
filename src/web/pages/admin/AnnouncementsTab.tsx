/** The running text of the hall's displays (mall admin): add, take off. */
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useAnnouncements } from '../../lib/queries';
import { mallPath, useRefresh } from './data';
import { str, useFormSubmit } from './form';
import { ListState } from './shared';
import { ConfirmButton, FormMessage, Panel, primaryButton, Row, TextArea } from './ui';

export function AnnouncementsTab({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation('admin');
  const announcements = useAnnouncements(slug);
  const refresh = useRefresh(slug);
  const { errors, formError, pending, submit } = useFormSubmit();
  const labels = { text: t('announcements.text') };
  const onSubmit = submit(labels, async (data, form) => {
    await api.post(mallPath(slug, 'announcements'), { text: str(data, 'text') });
    form.reset();
    await refresh();
  });
  const when = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });

  return (
    <div className="flex flex-col gap-4">
      <Panel title={t('announcements.addHeading')}>
        <form noValidate onSubmit={onSubmit} className="flex flex-col gap-3">
          <TextArea
            label={labels.text}
            name="text"
            required
            maxLength={500}
            rows={3}
            hint={t('announcements.textHint')}
            error={errors.text}
          />
          <div>
            <button type="submit" className={primaryButton} disabled={pending}>
              {t('announcements.add')}
            </button>
          </div>
          <FormMessage error={formError} />
        </form>
      </Panel>
      <Panel title={t('announcements.heading')}>
        <ListState query={announcements} empty={t('announcements.empty')} />
        <ul className="divide-y divide-slate-200">
          {(announcements.data ?? []).map((a) => (
            <Row
              key={a.id}
              testId="announcement-row"
              actions={
                <ConfirmButton
                  label={t('announcements.remove')}
                  question={t('announcements.removeQuestion')}
                  confirmLabel={t('announcements.removeConfirm')}
                  onConfirm={async () => {
                    await api.delete(mallPath(slug, `announcements/${a.id}`));
                    await refresh();
                  }}
                />
              }
            >
              <p>{a.text}</p>
              <p className="text-sm text-slate-700">{t('announcements.since', { when: when.format(a.createdAt) })}</p>
            </Row>
          ))}
        </ul>
      </Panel>
    </div>
  );
}
