import { useEffect } from 'react';
import { ProblemMessage } from './components/ProblemMessage.tsx';
import { TopBar } from './components/TopBar.tsx';
import { UserMenu } from './components/UserMenu.tsx';
import { routeFor } from './forms.ts';
import { navigate, useLocation } from './router.ts';
import { OverviewScreen } from './screens/OverviewScreen.tsx';
import { PasswordScreen } from './screens/PasswordScreen.tsx';
import { SetupScreen } from './screens/SetupScreen.tsx';
import { SignInScreen } from './screens/SignInScreen.tsx';
import { SessionProvider, useSession } from './session.tsx';

export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}

/** Picks the screen from the session and the path. Nothing but GET /api/session runs until signed in. */
function Shell() {
  const { state, reload, dismissNotice } = useSession();
  const location = useLocation();
  const route = routeFor(location.pathname, location.search);
  const signedIn = state.status === 'signed-in';

  // A signed-in user has no business on the setup page (and its token should leave the address bar).
  useEffect(() => {
    if (signedIn && route.name === 'setup') navigate('/', { replace: true });
  }, [signedIn, route.name]);

  let content;
  let wide = true;
  switch (state.status) {
    case 'loading':
      content = (
        <p className="muted loading" data-testid="session-loading">
          Loading…
        </p>
      );
      break;
    case 'unavailable':
      wide = false;
      content = (
        <div className="auth">
          <section className="card auth-card" data-testid="session-unavailable">
            <h1>VectorFlow is not reachable</h1>
            <p className="auth-lead">The server did not say who is signed in.</p>
            <ProblemMessage problem={state.problem} testId="session-error" />
            <div className="form-actions">
              <button type="button" className="button" onClick={() => void reload()}>
                Try again
              </button>
            </div>
          </section>
        </div>
      );
      break;
    case 'signed-out':
      wide = false;
      content =
        route.name === 'setup' ? (
          <SetupScreen token={route.token} setupRequired={state.setupRequired} />
        ) : (
          <SignInScreen setupRequired={state.setupRequired} notice={state.notice} />
        );
      break;
    case 'signed-in': {
      const { user } = state.session;
      if (user.mustChangePassword) {
        wide = false;
        content = <PasswordScreen forced />;
      } else if (route.name === 'password') {
        wide = false;
        content = <PasswordScreen forced={false} />;
      } else {
        content = <OverviewScreen notice={state.notice} onDismissNotice={dismissNotice} />;
      }
      break;
    }
  }

  return (
    <div className="app">
      <TopBar>{state.status === 'signed-in' && <UserMenu session={state.session} />}</TopBar>
      <main className={wide ? 'content' : 'content content-narrow'}>{content}</main>
    </div>
  );
}
