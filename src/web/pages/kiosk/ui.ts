/** The kiosk's few button looks: every target is at least ~120 px tall, for fingers and tired eyes. */
export const primaryButton =
  'inline-flex min-h-[120px] items-center justify-center gap-4 rounded-3xl bg-brand-700 px-10 text-[36px] font-bold text-white shadow-md active:bg-brand-900';

export const secondaryButton =
  'inline-flex min-h-[100px] items-center justify-center gap-3 rounded-3xl border-4 border-brand-700 bg-white px-8 text-[30px] font-bold text-brand-800 active:bg-brand-100';

/** A white card that is one big button (agencies, services, priority classes). */
export const cardButton =
  'rounded-3xl border-4 border-brand-100 bg-white shadow-sm active:border-brand-700 active:bg-brand-50';
