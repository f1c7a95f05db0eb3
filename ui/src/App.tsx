import { lazy, Suspense, useEffect } from 'react';
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
import type { SignedInSession } from './api.ts';
import { Link } from './components/Link.tsx';
import { appRouteFor, NAV, type AppRoute } from './routes.ts';
import { WorkspaceProvider, WorkspaceSwitcher } from './workspace.tsx';
import { PipelinesScreen } from './screens/PipelinesScreen.tsx';
// The editor brings the canvas and CodeMirror: loaded only when a pipeline is opened.
const ApiReferenceScreen = lazy(() => import('./reference/ApiReferenceScreen.tsx').then((m) => ({ default: m.ApiReferenceScreen })));
const EditorScreen = lazy(() => import('./editor/EditorScreen.tsx').then((m) => ({ default: m.EditorScreen })));
import { FleetScreen } from './fleet/FleetScreen.tsx';
import { NodeScreen } from './fleet/NodeScreen.tsx';
import { EnrollmentScreen } from './fleet/EnrollmentScreen.tsx';
import { AgentsScreen } from './fleet/AgentsScreen.tsx';
import { SecretsScreen } from './admin/SecretsScreen.tsx';
import { AdminScreen } from './admin/AdminScreen.tsx';
import { TokensScreen } from './admin/TokensScreen.tsx';
import { AuditScreen } from './admin/AuditScreen.tsx';
import { BackupsScreen } from './admin/BackupsScreen.tsx';
import { SettingsScreen } from './admin/SettingsScreen.tsx';
import { TwoFactorScreen } from './account/TwoFactorScreen.tsx';
import { AlertsScreen } from './alerts/AlertsScreen.tsx';

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
      } else if (user.twoFactorEnrollmentRequired) {
        wide = false;
        content = <TwoFactorScreen forced />;
      } else if (route.name === 'two-factor') {
        wide = false;
        content = <TwoFactorScreen forced={false} />;
      } else if (route.name === 'password') {
        wide = false;
        content = <PasswordScreen forced={false} />;
      } else {
        return (
          <WorkspaceProvider>
            <SignedInApp session={state.session} notice={state.notice} onDismissNotice={dismissNotice} />
          </WorkspaceProvider>
        );
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

function screenFor(route: AppRoute, session: SignedInSession, notice: string | undefined, onDismissNotice: () => void) {
  switch (route.name) {
    case 'overview':
      return <OverviewScreen notice={notice} onDismissNotice={onDismissNotice} />;
    case 'pipelines':
      return <PipelinesScreen />;
    case 'editor':
      return (
        <Suspense fallback={<p className="muted loading">Loading the editor…</p>}>
          <EditorScreen key={route.id} pipelineId={route.id} />
        </Suspense>
      );
    case 'fleet':
      return <FleetScreen />;
    case 'node':
      return <NodeScreen key={route.id} nodeId={route.id} />;
    case 'enrollment':
      return <EnrollmentScreen />;
    case 'agents':
      return <AgentsScreen />;
    case 'secrets':
      return <SecretsScreen />;
    case 'admin':
      return <AdminScreen session={session} />;
    case 'tokens':
      return <TokensScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'alerts':
      return <AlertsScreen tab={route.tab} />;
    case 'backups':
      return <BackupsScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'two-factor':
      return <TwoFactorScreen forced={false} />;
    case 'api-reference':
      return (
        <Suspense fallback={<p className="muted loading">Loading the reference…</p>}>
          <ApiReferenceScreen />
        </Suspense>
      );
    case 'not-found':
      return (
        <div className="empty" data-testid="not-found">
          <p className="empty-title">There is no page here.</p>
          <Link to="/">Go to the overview</Link>
        </div>
      );
  }
}

/** The signed-in layout: top bar with navigation, team/environment switcher and user menu; the screen below. */
function SignedInApp({ session, notice, onDismissNotice }: { session: SignedInSession; notice?: string; onDismissNotice: () => void }) {
  const location = useLocation();
  const route = appRouteFor(location.pathname);
  const full = route.name === 'editor';
  return (
    <div className={full ? 'app app-full' : 'app'}>
      <TopBar>
        <nav className="nav" aria-label="Main">
          {NAV.filter((item) => !item.platformAdmin || session.user.platformAdmin).map((item) => (
            <Link key={item.path} to={item.path} className="nav-link" current={item.match.includes(route.name)} testId={`nav-${item.path.slice(1) || 'overview'}`}>
              {item.label}
            </Link>
          ))}
        </nav>
        <WorkspaceSwitcher />
        <UserMenu session={session} />
      </TopBar>
      <main className={full ? 'content content-full' : 'content'}>{screenFor(route, session, notice, onDismissNotice)}</main>
    </div>
  );
}
