import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/auth';
import { ApiError } from '../lib/api';
import { useChangePassword, useSignOut } from '../lib/session';

/**
 * An account signed in with a generated password chooses its own before anything else (the
 * server refuses every other staff call until then). The rules are said up front; a refusal is
 * shown in the server's own words, which name the rule.
 */
export function ChangePasswordForm({ account, level = 1 }: { account: Me; level?: 1 | 2 }) {
  const Heading = level === 1 ? 'h1' : 'h2';
  const { t } = useTranslation();
  const change = useChangePassword();
  const signOut = useSignOut();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const id = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (next !== repeat) {
      setError(t('signIn.mismatch'));
      return;
    }
    setPending(true);
    try {
      await change(current, next);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('error'));
      setPending(false);
    }
  };

  const field = 'mt-1 w-full rounded-lg border-2 border-slate-500 bg-white px-3 py-2 text-xl';
  const label = 'mt-4 block text-lg font-semibold';
  return (
    <form onSubmit={submit} className="mx-auto mt-12 w-full max-w-md rounded-2xl bg-white p-8 shadow-lg">
      <Heading className="text-3xl font-bold text-brand-800">{t('signIn.changeHeading')}</Heading>
      <p className="mt-1 text-slate-700">{t('signIn.changeHint', { name: account.displayName || account.username })}</p>
      {/* for password managers: which account the new password belongs to */}
      <input type="text" name="username" autoComplete="username" value={account.username} readOnly hidden />
      <label htmlFor={`${id}-current`} className={label}>
        {t('signIn.currentPassword')}
      </label>
      <input
        id={`${id}-current`}
        name="current-password"
        type="password"
        autoComplete="current-password"
        required
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        className={field}
      />
      <label htmlFor={`${id}-new`} className={label}>
        {t('signIn.newPassword')}
      </label>
      <input
        id={`${id}-new`}
        name="new-password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        aria-describedby={`${id}-rules`}
        value={next}
        onChange={(e) => setNext(e.target.value)}
        className={field}
      />
      <p id={`${id}-rules`} className="mt-1 text-slate-700">
        {t('signIn.rules')}
      </p>
      <label htmlFor={`${id}-repeat`} className={label}>
        {t('signIn.repeatPassword')}
      </label>
      <input
        id={`${id}-repeat`}
        name="repeat-password"
        type="password"
        autoComplete="new-password"
        required
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
        className={field}
      />
      <div role="alert" className="mt-4 min-h-7 font-semibold text-red-800">
        {error}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="mt-2 min-h-14 w-full rounded-xl bg-brand-700 px-4 py-3 text-xl font-bold text-white hover:bg-brand-800 disabled:opacity-70"
      >
        {pending ? t('signIn.changeSubmitting') : t('signIn.changeSubmit')}
      </button>
      <button
        type="button"
        onClick={() => void signOut()}
        className="mt-3 min-h-12 w-full rounded-xl px-4 py-2 text-lg font-semibold text-brand-800 underline hover:bg-slate-100"
      >
        {t('signIn.otherAccount')}
      </button>
    </form>
  );
}
