import type { ReactNode } from 'react';
import { navigate } from '../router.ts';

/** An in-app link: a real <a> (middle-click, keyboard) that navigates without a reload. */
export function Link({ to, children, className, testId, current }: { to: string; children: ReactNode; className?: string; testId?: string; current?: boolean }) {
  return (
    <a
      href={to}
      className={className}
      data-testid={testId}
      aria-current={current ? 'page' : undefined}
      onClick={(e) => {
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
