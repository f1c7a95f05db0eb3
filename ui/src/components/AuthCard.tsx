import type { ReactNode } from 'react';

interface Props {
  title: string;
  lead?: ReactNode;
  children: ReactNode;
  testId?: string;
}

/** The narrow centred card of the sign-in, setup and password screens. */
export function AuthCard({ title, lead, children, testId }: Props) {
  return (
    <div className="auth">
      <section className="card auth-card" aria-labelledby="auth-heading" data-testid={testId}>
        <h1 id="auth-heading">{title}</h1>
        {lead && <div className="auth-lead">{lead}</div>}
        {children}
      </section>
    </div>
  );
}
