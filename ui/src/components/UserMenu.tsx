import { useEffect, useId, useRef, useState } from 'react';
import { toApiError, type Problem, type SignedInSession } from '../api.ts';
import { navigate } from '../router.ts';
import { useSession } from '../session.tsx';
import { ProblemMessage } from './ProblemMessage.tsx';

const ROLE_LABELS: Record<string, string> = { VIEWER: 'Viewer', EDITOR: 'Editor', ADMIN: 'Admin' };

/** The pages of one's own local account (an account of an identity provider has neither). */
const ACCOUNT_LINKS = [
  { path: '/account/password', label: 'Change password', testId: 'change-password' },
  { path: '/account/two-factor', label: 'Two-factor authentication', testId: 'two-factor' },
];

function initials(name: string, email: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 0 ? words.slice(0, 2).map((w) => w[0]) : [email[0]];
  return letters.join('').toUpperCase();
}

/**
 * Who is signed in (name, email, "Platform admin"), opening a menu with the
 * user's teams, "Change password", "Sign out" and "Sign out everywhere".
 */
export function UserMenu({ session }: { session: SignedInSession }) {
  const { signOut, signOutEverywhere } = useSession();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Problem | undefined>();
  const root = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const { user, teams } = session;

  // Close on a click elsewhere or Escape.
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(toApiError(e).problem);
      setBusy(false);
    }
    // On success this component is gone (signed out), so there is nothing to reset.
  };

  return (
    <div className="user-menu" ref={root}>
      <button
        type="button"
        className="user-button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
        data-testid="current-user"
      >
        {/* The spaces keep the text readable ("Ada Admin admin@example.com Platform admin"); flex layout ignores them. */}
        <span className="avatar" aria-hidden="true">
          {initials(user.name, user.email)}
        </span>{' '}
        <span className="user-text">
          <span className="user-name">{user.name}</span>{' '}
          <span className="user-email">{user.email}</span>
        </span>
        {user.platformAdmin && (
          <>
            {' '}
            <span className="role-badge" data-testid="platform-admin">
              Platform admin
            </span>
          </>
        )}{' '}
        <span className="caret" aria-hidden="true">
          ▾
        </span>
      </button>

      {open && (
        <div className="menu" id={menuId}>
          <div className="menu-section">
            <div className="menu-label">Teams</div>
            {teams.length === 0 ? (
              <p className="menu-empty">Not a member of any team yet.</p>
            ) : (
              <ul className="menu-teams" data-testid="user-teams">
                {teams.map((team) => (
                  <li key={team.id}>
                    <span>{team.name}</span>
                    <span className="menu-role">{ROLE_LABELS[team.role] ?? team.role}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="menu-section">
            {!user.mustChangePassword &&
              user.hasPassword !== false &&
              ACCOUNT_LINKS.map((link) => (
                <button
                  key={link.path}
                  type="button"
                  className="menu-item"
                  onClick={() => {
                    setOpen(false);
                    navigate(link.path);
                  }}
                  data-testid={link.testId}
                >
                  {link.label}
                </button>
              ))}
            <button
              type="button"
              className="menu-item"
              disabled={busy}
              onClick={() => void run(signOut)}
              data-testid="signout"
            >
              Sign out
            </button>
            <button
              type="button"
              className="menu-item"
              disabled={busy}
              onClick={() => void run(signOutEverywhere)}
              data-testid="signout-all"
            >
              Sign out everywhere
              <span className="menu-hint">Ends your sessions in every browser</span>
            </button>
          </div>
          {error && (
            <div className="menu-section">
              <ProblemMessage problem={error} testId="signout-error" />
            </div>
          )}
        </div>
      )}
    </div>
  );
}
