import { LanguageSwitch } from '../../components/LanguageSwitch';

/** Mall and counter, and the language switch: the citizen may want English. */
export function TabletHeader({ mallName, counterName }: { mallName: string; counterName?: string | undefined }) {
  return (
    <header className="flex items-center gap-4 bg-brand-800 px-6 py-3 text-white">
      <p className="min-w-0 flex-1 truncate text-lg">
        <span className="font-bold">{mallName}</span>
        {counterName ? <span className="text-brand-100"> · {counterName}</span> : null}
      </p>
      <LanguageSwitch className="min-h-12 px-4 text-lg" />
    </header>
  );
}
