import { useEffect, useRef, useState, type FormEvent } from 'react';
import { toApiError } from '../api.ts';
import { AuthCard } from '../components/AuthCard.tsx';
import { Field } from '../components/Field.tsx';
import { FormError, type FormFailure } from '../components/FormError.tsx';
import { Notice } from '../components/Notice.tsx';
import { hasErrors, signInFailureMessage, validateSignIn, type FieldErrors, type SignInField } from '../forms.ts';
import { useSession } from '../session.tsx';
import { clearSignInError, normalizeCode, signInErrorFrom, ssoApi, type SignInOptions } from '../sso.ts';

interface Props {
  setupRequired: boolean;
  notice?: string;
}

/**
 * Sign-in: a button per identity provider (saying so when one cannot be used now), the password form (behind a
 * break-glass link when local sign-in is turned off), and the second step for accounts with a second factor.
 */
export function SignInScreen({ setupRequired, notice }: Props) {
  const { signIn, verifySecondFactor, dismissNotice } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<SignInField>>({});
  const [failure, setFailure] = useState<FormFailure | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const [options, setOptions] = useState<SignInOptions | undefined>();
  const [breakGlass, setBreakGlass] = useState(false);
  const [challenge, setChallenge] = useState<string | undefined>();
  const [providerError, setProviderError] = useState<string | undefined>(() => signInErrorFrom(window.location.search, document.cookie));
  const [starting, setStarting] = useState<string | undefined>();
  const passwordInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (providerError) clearSignInError();
    const controller = new AbortController();
    ssoApi.signInOptions(controller.signal).then(
      (o) => !controller.signal.aborted && setOptions(o),
      () => !controller.signal.aborted && setOptions({ localSignIn: true, providers: [] }),
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const errors = validateSignIn({ email, password });
    setFieldErrors(errors);
    setFailure(undefined);
    if (hasErrors(errors)) return;

    setSubmitting(true);
    try {
      const asked = await signIn(email.trim(), password);
      // Signed in: the app now shows another screen. Or the second step comes.
      if (asked) {
        setChallenge(asked);
        setSubmitting(false);
      }
    } catch (error) {
      const problem = toApiError(error).problem;
      const message = signInFailureMessage(problem);
      setFailure(message ? { message } : { problem });
      setPassword('');
      setSubmitting(false);
      passwordInput.current?.focus();
    }
  };

  const startProvider = async (id: string) => {
    setStarting(id);
    setProviderError(undefined);
    try {
      window.location.assign(await ssoApi.start(id));
    } catch (error) {
      const problem = toApiError(error).problem;
      setProviderError(problem.detail ?? problem.title);
      setStarting(undefined);
    }
  };

  if (challenge) {
    return <SecondFactorStep challenge={challenge} verify={verifySecondFactor} onRestart={() => setChallenge(undefined)} />;
  }

  const providers = options?.providers ?? [];
  const showPasswordForm = !options || options.localSignIn || breakGlass;
  return (
    <AuthCard title="Sign in to VectorFlow" lead={providers.length > 0 ? undefined : 'Use the email address and password of your VectorFlow account.'}>
      {notice && <Notice message={notice} onDismiss={dismissNotice} />}
      {setupRequired && (
        <div className="notice notice-setup" role="note" data-testid="setup-required">
          <strong>VectorFlow has no users yet.</strong> When the server started it wrote a one-time setup link
          (<code>/setup?token=…</code>) to its log. Open that link to create the first platform administrator.
        </div>
      )}
      {providerError && (
        <div className="alert" role="alert" data-testid="sso-error">
          <div className="alert-title">{providerError}</div>
        </div>
      )}
      {providers.length > 0 && (
        <div className="sso-options" data-testid="sso-options">
          {providers.map((p) => (
            <div key={p.id} className="sso-option">
              <button
                type="button"
                className="button button-block"
                disabled={!p.available || starting !== undefined}
                onClick={() => void startProvider(p.id)}
                data-testid={`sso-${p.name}`}
                aria-describedby={p.available ? undefined : `sso-problem-${p.id}`}
              >
                {starting === p.id ? `Going to ${p.name}…` : p.available ? `Sign in with ${p.name}` : `${p.name} is unavailable`}
              </button>
              {!p.available && (
                <p className="field-hint" id={`sso-problem-${p.id}`} data-testid={`sso-problem-${p.name}`}>
                  {p.problem}
                </p>
              )}
            </div>
          ))}
        </div>
      )}
      {options && !options.localSignIn && !breakGlass && (
        <button type="button" className="link-button" onClick={() => setBreakGlass(true)} data-testid="break-glass">
          Sign in with a password (break-glass administrator)
        </button>
      )}

      {showPasswordForm && (
        <form className="form" onSubmit={onSubmit} noValidate data-testid="signin-form">
          {providers.length > 0 && <p className="auth-lead">Or with the email address and password of a VectorFlow account:</p>}
          <Field
            id="signin-email"
            label="Email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={setEmail}
            error={fieldErrors.email}
            testId="signin-email"
            autoFocus={providers.length === 0}
          />
          <Field
            id="signin-password"
            label="Password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            error={fieldErrors.password}
            testId="signin-password"
            inputRef={passwordInput}
          />
          <button type="submit" className="button button-block" disabled={submitting} data-testid="signin-submit">
            {submitting ? 'Signing in…' : 'Sign in'}
          </button>
          {failure && <FormError failure={failure} testId="signin-error" />}
        </form>
      )}
    </AuthCard>
  );
}

/** The code of the authenticator app, or one of the recovery codes. */
function SecondFactorStep({
  challenge,
  verify,
  onRestart,
}: {
  challenge: string;
  verify: (challenge: string, code: string) => Promise<void>;
  onRestart: () => void;
}) {
  const [code, setCode] = useState('');
  const [failure, setFailure] = useState<FormFailure | undefined>();
  const [busy, setBusy] = useState(false);
  const [ended, setEnded] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = normalizeCode(code);
    if (!/^(\d{6}|[A-Z2-7]{16})$/.test(typed)) {
      setFailure({ message: 'Type the 6 digits your app shows, or one of your recovery codes.' });
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      await verify(challenge, typed);
    } catch (error) {
      const problem = toApiError(error).problem;
      setEnded(problem.status === 429);
      setFailure({ message: signInFailureMessage(problem) ?? problem.detail ?? problem.title });
      setCode('');
      setBusy(false);
    }
  };

  return (
    <AuthCard title="Two-factor authentication" lead="Type the 6-digit code your authenticator app shows for VectorFlow, or one of your recovery codes.">
      <form className="form" onSubmit={onSubmit} noValidate data-testid="second-factor-form">
        <Field
          id="second-factor-code"
          label="Code"
          autoComplete="one-time-code"
          value={code}
          onChange={setCode}
          testId="second-factor-code"
          autoFocus
        />
        <button type="submit" className="button button-block" disabled={busy || ended} data-testid="second-factor-submit">
          {busy ? 'Checking…' : 'Verify'}
        </button>
        {failure && <FormError failure={failure} testId="second-factor-error" />}
        <button type="button" className="link-button" onClick={onRestart} data-testid="second-factor-restart">
          Start over
        </button>
      </form>
    </AuthCard>
  );
}
