import { Link, type To } from 'react-router';

export function BackLink({ to, children }: { to: To; children: string }) {
  return (
    <Link to={to} className="inline-block py-1 text-base font-semibold text-brand-700 underline">
      <span aria-hidden="true">← </span>
      {children}
    </Link>
  );
}
