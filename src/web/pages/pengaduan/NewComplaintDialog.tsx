/**
 * "Catat pengaduan warga": an officer files a complaint for a citizen who came to the desk or
 * called — the citizen's form in a dialog (the session makes the server record it as filed by
 * staff), then the code large, its QR and link, to read out or hand over.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ComplaintCreatedCard } from '../../components/complaint/ComplaintCreatedCard';
import { ComplaintForm, type Created } from '../../components/complaint/ComplaintForm';
import { Modal } from '../counter/Modal';

export function NewComplaintDialog({
  slug,
  today,
  onClose,
  onCreated,
}: {
  slug: string;
  today: string;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useTranslation(['pengaduan']);
  const [created, setCreated] = useState<{ created: Created; anonymous: boolean } | null>(null);
  return (
    <Modal labelledBy="new-complaint-heading" onClose={onClose} size="max-h-[92vh] w-[40rem]">
      <div className="flex items-center justify-between gap-3 border-b border-slate-200 px-5 py-3">
        <h2 id="new-complaint-heading" className="text-xl font-bold">
          {t('pengaduan:newTitle')}
        </h2>
        <button
          type="button"
          onClick={onClose}
          className="min-h-11 rounded-lg border-2 border-slate-600 px-3 font-semibold hover:bg-slate-100"
        >
          {t('pengaduan:close')}
        </button>
      </div>
      <div className="overflow-y-auto px-5 py-4">
        {created ? (
          <ComplaintCreatedCard created={created.created} anonymous={created.anonymous} headingLevel={2} />
        ) : (
          <>
            <p className="mb-4 text-slate-700">{t('pengaduan:newHint')}</p>
            <ComplaintForm
              slug={slug}
              today={today}
              prefill={{}}
              idPrefix="staff-complaint"
              onCreated={(made, anonymous) => {
                setCreated({ created: made, anonymous });
                onCreated();
              }}
            />
          </>
        )}
      </div>
    </Modal>
  );
}
