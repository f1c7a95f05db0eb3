import type { ReactNode } from 'react';
import { Logo } from './Logo.tsx';

/** The dark header bar of every screen; `children` go to its right end (the user menu). */
export function TopBar({ children }: { children?: ReactNode }) {
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <a className="brand" href="/" aria-label="VectorFlow home">
          <Logo />
          <span className="brand-name">VectorFlow</span>
        </a>
        {!children && <span className="brand-tagline">Management plane for Vector pipelines</span>}
        {children && <div className="topbar-end">{children}</div>}
      </div>
    </header>
  );
}
