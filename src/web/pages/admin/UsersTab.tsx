/**
 * Staff accounts and their roles. A new account (or a reset) gets a generated password, shown
 * here once, to be changed at its first sign-in. Accounts are never deleted: they are switched off.
 * An agency admin adds and manages their own agency's officers only.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminAgency, type AdminUser, LIMITS, type UserWithPassword } from '../../../api/admin';
import type { Me } from '../../../api/auth';
import { api } from '../../lib/api';
import { adminPath, byName, useAdminAgencies, useAdminUsers, useRefresh } from './data';
import { str, useFormSubmit } from './form';
import { AgencyFilter, FormFoot, FormPanel, ListState } from './shared';
import {
  ActionButton,
  Badge,
  ConfirmButton,
  Panel,
  primaryButton,
  Row,
  SelectField,
  secondaryButton,
  smallButton,
  TextField,
} from './ui';

type Role = AdminUser['role'];
const ROLES: Role[] = ['officer', 'agency_admin', 'viewer', 'mall_admin'];
const needsAgency = (role: string) => role === 'officer' || role === 'agency_admin';

export function UsersTab({ slug, me }: { slug: string; me: Me }) {
  const { t } = useTranslation('admin');
  const users = useAdminUsers(slug);
  const agencies = useAdminAgencies(slug);
  const refresh = useRefresh(slug);
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [password, setPassword] = useState<UserWithPassword | null>(null);
  const ownAgencyId = me.role === 'mall_admin' ? null : me.agencyId;
  const agencyList = [...(agencies.data ?? [])].sort(byName);
  const agencyName = (id: string | null) => (id ? (agencyList.find((a) => a.id === id)?.shortName ?? '') : '');
  const [filter, setFilter] = useState(ownAgencyId ?? '');
  const list = [...(users.data ?? [])]
    .filter((u) => !filter || u.agencyId === filter)
    .sort(
      (a, b) =>
        Number(!a.active) - Number(!b.active) ||
        (a.displayName || a.username).localeCompare(b.displayName || b.username, 'id'),
    );

  const setActive = async (u: AdminUser, active: boolean) => {
    await api.patch(adminPath(slug, `users/${u.id}`), { active });
    await refresh();
  };
  const resetPassword = async (u: AdminUser) => {
    setPassword(await api.post<UserWithPassword>(adminPath(slug, `users/${u.id}/reset-password`)));
    await refresh();
  };

  return (
    <div className="flex flex-col gap-4">
      {password && <PasswordNotice result={password} onClose={() => setPassword(null)} />}
      {editing && (
        <UserForm
          key={editing === 'new' ? 'new' : editing.id}
          slug={slug}
          user={editing === 'new' ? null : editing}
          agencies={agencyList.filter((a) => !a.archived)}
          ownAgencyId={ownAgencyId}
          defaultAgencyId={ownAgencyId ?? filter}
          onDone={(created) => {
            setEditing(null);
            if (created) setPassword(created);
          }}
        />
      )}
      <Panel
        title={t('users.heading')}
        actions={
          <button
            type="button"
            className={primaryButton}
            onClick={() => {
              setPassword(null);
              setEditing('new');
            }}
          >
            {t('users.add')}
          </button>
        }
      >
        {ownAgencyId === null && (
          <AgencyFilter agencies={agencyList} value={filter} onChange={setFilter} allLabel={t('users.allAccounts')} />
        )}
        <ListState query={users} empty={t('users.empty')} />
        <ul className="divide-y divide-slate-200">
          {list.map((u) => {
            const self = u.id === me.id;
            const manageable = !self && (ownAgencyId === null || u.role === 'officer');
            return (
              <Row
                key={u.id}
                archived={!u.active}
                testId="user-row"
                actions={
                  manageable &&
                  (u.active ? (
                    <>
                      <button type="button" className={smallButton} onClick={() => setEditing(u)}>
                        {t('edit')}
                        <span className="sr-only">: {u.displayName || u.username}</span>
                      </button>
                      <ConfirmButton
                        tone="plain"
                        label={t('users.reset')}
                        question={t('users.resetQuestion', { name: u.displayName || u.username })}
                        confirmLabel={t('users.resetConfirm')}
                        onConfirm={() => resetPassword(u)}
                      />
                      <ConfirmButton
                        label={t('users.deactivate')}
                        question={t('users.deactivateQuestion', { name: u.displayName || u.username })}
                        confirmLabel={t('users.deactivateConfirm')}
                        onConfirm={() => setActive(u, false)}
                      />
                    </>
                  ) : (
                    <ActionButton label={t('users.activate')} onClick={() => setActive(u, true)} />
                  ))
                }
              >
                <p className="font-semibold">
                  {u.displayName || u.username}
                  {!u.active && <Badge>{t('users.inactive')}</Badge>}
                  {u.active && u.mustChangePassword && <Badge tone="amber">{t('users.mustChange')}</Badge>}
                  {self && <Badge tone="green">{t('users.you')}</Badge>}
                </p>
                <p className="text-sm">
                  {[t('users.signInAs', { username: u.username }), t(`roles.${u.role}`), agencyName(u.agencyId)]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
              </Row>
            );
          })}
        </ul>
      </Panel>
    </div>
  );
}

/** The generated password, shown once, large and easy to copy out. */
function PasswordNotice({ result, onClose }: { result: UserWithPassword; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(result.password);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section
      aria-labelledby="generated-password-heading"
      data-testid="password-notice"
      className="rounded-2xl border-2 border-amber-600 bg-amber-50 p-4 shadow sm:p-5"
    >
      <h2 id="generated-password-heading" className="text-xl font-bold">
        {t('users.passwordHeading', { name: result.user.displayName || result.user.username })}
      </h2>
      <dl className="mt-3 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">{t('users.username')}</dt>
        <dd className="font-mono text-lg" data-testid="generated-username">
          {result.user.username}
        </dd>
        <dt className="font-semibold">{t('users.password')}</dt>
        <dd className="select-all break-all font-mono text-2xl font-bold" data-testid="generated-password">
          {result.password}
        </dd>
      </dl>
      <p className="mt-3">{t('users.passwordHint')}</p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="button" className={primaryButton} onClick={() => void copy()}>
          {t('users.copy')}
        </button>
        <button type="button" className={secondaryButton} onClick={onClose}>
          {t('users.passwordNoted')}
        </button>
        <span aria-live="polite" className="font-semibold text-green-800">
          {copied ? t('users.copied') : ''}
        </span>
      </div>
    </section>
  );
}

function UserForm({
  slug,
  user,
  agencies,
  ownAgencyId,
  defaultAgencyId,
  onDone,
}: {
  slug: string;
  user: AdminUser | null;
  agencies: AdminAgency[];
  ownAgencyId: string | null;
  defaultAgencyId: string;
  onDone: (created?: UserWithPassword) => void;
}) {
  const { t } = useTranslation('admin');
  const refresh = useRefresh(slug);
  const { errors, formError, pending, submit } = useFormSubmit();
  const [role, setRole] = useState<Role>(user?.role ?? 'officer');
  const roles = ownAgencyId === null ? ROLES : (['officer'] as Role[]);
  const labels = {
    username: t('users.username'),
    displayName: t('users.displayName'),
    role: t('users.role'),
    agencyId: t('services.agency'),
  };
  const onSubmit = submit(labels, async (data) => {
    const agencyId = needsAgency(role) ? str(data, 'agencyId') : null;
    if (user) {
      const change =
        ownAgencyId === null
          ? { displayName: str(data, 'displayName'), role, agencyId }
          : { displayName: str(data, 'displayName') };
      await api.patch(adminPath(slug, `users/${user.id}`), change);
      await refresh();
      onDone();
    } else {
      const created = await api.post<UserWithPassword>(adminPath(slug, 'users'), {
        username: str(data, 'username').toLowerCase(),
        displayName: str(data, 'displayName'),
        role,
        agencyId,
      });
      await refresh();
      onDone(created);
    }
  });

  return (
    <FormPanel
      title={user ? t('users.editHeading', { name: user.displayName || user.username }) : t('users.addHeading')}
    >
      <form noValidate onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={labels.displayName}
          name="displayName"
          required
          maxLength={LIMITS.nameMax}
          defaultValue={user?.displayName}
          hint={t('users.displayNameHint')}
          error={errors.displayName}
        />
        {user ? (
          <div className="text-sm">
            <p className="font-semibold">{labels.username}</p>
            <p className="mt-2 font-mono text-base">{user.username}</p>
          </div>
        ) : (
          <TextField
            label={labels.username}
            name="username"
            required
            pattern={LIMITS.usernamePattern.slice(1, -1)}
            data-hint={t('users.usernameHint')}
            autoCapitalize="off"
            autoCorrect="off"
            autoComplete="off"
            spellCheck={false}
            hint={t('users.usernameHint')}
            error={errors.username}
          />
        )}
        {roles.length > 1 ? (
          <SelectField
            label={labels.role}
            name="role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            hint={t(`roles.${role}Hint`)}
            error={errors.role}
          />
        ) : (
          <div className="text-sm">
            <p className="font-semibold">{labels.role}</p>
            <p className="mt-2 text-base">{t('roles.officer')}</p>
          </div>
        )}
        {needsAgency(role) &&
          (ownAgencyId !== null ? (
            <input type="hidden" name="agencyId" value={ownAgencyId} />
          ) : (
            <SelectField
              label={labels.agencyId}
              name="agencyId"
              required
              defaultValue={user?.agencyId ?? defaultAgencyId}
              options={[
                { value: '', label: t('chooseAgency') },
                ...agencies.map((a) => ({ value: a.id, label: a.name })),
              ]}
              error={errors.agencyId}
            />
          ))}
        <FormFoot
          pending={pending}
          onCancel={() => onDone()}
          error={formError}
          saveLabel={user ? undefined : t('users.create')}
        />
      </form>
    </FormPanel>
  );
}
