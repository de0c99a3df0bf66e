import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api';
import { usePendingPasswordChange, useSignIn } from '../lib/session';
import { ChangePasswordForm } from './ChangePasswordForm';

/**
 * Staff username and password, for every staff screen; a refusal (a wrong password, a lockout
 * with its wait) is shown in the server's own words. Signed in with a generated password, the
 * account is asked for its own password here first (ChangePasswordForm).
 */
export function SignInForm({
  heading,
  hint,
  level = 1,
}: {
  heading: string;
  hint?: string | undefined;
  /** 2 where the page already has its h1 */
  level?: 1 | 2;
}) {
  const Heading = level === 1 ? 'h1' : 'h2';
  const { t } = useTranslation();
  const signIn = useSignIn();
  const pendingChange = usePendingPasswordChange();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const id = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('error'));
      setPending(false);
    }
  };

  if (pendingChange) return <ChangePasswordForm account={pendingChange} level={level} />;
  const field = 'mt-1 w-full rounded-lg border-2 border-slate-500 bg-white px-3 py-2 text-xl';
  return (
    <form onSubmit={submit} className="mx-auto mt-12 w-full max-w-md rounded-2xl bg-white p-8 shadow-lg">
      <Heading className="text-3xl font-bold text-brand-800">{heading}</Heading>
      {hint && <p className="mt-1 text-slate-700">{hint}</p>}
      <label htmlFor={`${id}-user`} className="mt-6 block text-lg font-semibold">
        {t('signIn.username')}
      </label>
      <input
        id={`${id}-user`}
        name="username"
        autoComplete="username"
        required
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        className={field}
      />
      <label htmlFor={`${id}-pass`} className="mt-4 block text-lg font-semibold">
        {t('signIn.password')}
      </label>
      <input
        id={`${id}-pass`}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
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
        {pending ? t('signIn.submitting') : t('signIn.submit')}
      </button>
    </form>
  );
}
