import { useState, type FormEvent } from 'react';
import { toApiError } from '../api.ts';
import { AuthCard } from '../components/AuthCard.tsx';
import { Field } from '../components/Field.tsx';
import { FormError, type FormFailure } from '../components/FormError.tsx';
import { navigate } from '../router.ts';
import { useSession } from '../session.tsx';
import { normalizeCode, ssoApi, svgImage, type Enrollment } from '../sso.ts';
import { CopyButton, useLoad } from '../ui.tsx';

/**
 * One's own second factor (TOTP): enrol it with a QR code and a first code, keep the 10 recovery codes shown once, make
 * new ones, or turn it off. {@code forced}: a team or the platform requires it, and nothing else can be used until it is on.
 */
export function TwoFactorScreen({ forced }: { forced: boolean }) {
  const { reload, signOut } = useSession();
  const status = useLoad((s) => ssoApi.twoFactor(s), []);
  const [enrollment, setEnrollment] = useState<Enrollment | undefined>();
  const [codes, setCodes] = useState<string[] | undefined>();
  const [code, setCode] = useState('');
  const [failure, setFailure] = useState<FormFailure | undefined>();
  const [busy, setBusy] = useState(false);

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await action();
    } catch (error) {
      const problem = toApiError(error).problem;
      setFailure(problem.status === 401 || problem.status === 409 || problem.status === 403 ? { message: problem.detail ?? problem.title } : { problem });
    } finally {
      setBusy(false);
    }
  };

  const begin = () =>
    act(async () => {
      setEnrollment(await ssoApi.beginEnrollment());
      setCode('');
    });

  const confirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void act(async () => {
      setCodes(await ssoApi.confirmEnrollment(normalizeCode(code)));
      setEnrollment(undefined);
      setCode('');
      status.reload();
    });
  };

  const finished = () => {
    void reload();
    navigate('/', { replace: forced });
  };

  const s = status.data;
  return (
    <AuthCard
      title="Two-factor authentication"
      lead={
        forced
          ? 'A second factor is required of your account. Set up an authenticator app (any TOTP app) to continue.'
          : 'A code from an authenticator app (any TOTP app) is asked for after your password.'
      }
      testId="two-factor-screen"
    >
      {codes ? (
        <div data-testid="recovery-codes">
          <p>
            <strong>Keep these recovery codes somewhere safe.</strong> Each works once instead of a code from the app (when the phone is
            lost). They are shown only now.
          </p>
          <ul className="recovery-codes">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <div className="form-actions">
            <CopyButton text={codes.join('\n')} label="Copy the codes" testId="copy-recovery-codes" />
            <button type="button" className="button" onClick={finished} data-testid="recovery-codes-done">
              I have kept them
            </button>
          </div>
        </div>
      ) : enrollment ? (
        <form className="form" onSubmit={confirm} noValidate data-testid="two-factor-enrol">
          <p>Scan the code with your app, or type the secret into it; then type the 6 digits it shows.</p>
          <img className="qr-code" src={svgImage(enrollment.qrSvg)} alt="QR code of the authenticator secret" data-testid="two-factor-qr" />
          <p className="small">
            Secret: <code data-testid="two-factor-secret">{enrollment.secret}</code>
          </p>
          <Field id="two-factor-code" label="Code from the app" autoComplete="one-time-code" value={code} onChange={setCode} testId="two-factor-code" autoFocus />
          <button type="submit" className="button button-block" disabled={busy} data-testid="two-factor-confirm">
            Turn on
          </button>
        </form>
      ) : s?.enabled ? (
        <div data-testid="two-factor-on">
          <p>
            Two-factor authentication is <strong>on</strong>; {s.recoveryCodesLeft} recovery code{s.recoveryCodesLeft === 1 ? '' : 's'} left.
          </p>
          <Field id="two-factor-current" label="A current code (or a recovery code)" autoComplete="one-time-code" value={code} onChange={setCode} testId="two-factor-current" />
          <div className="form-actions">
            <button type="button" className="button" disabled={busy} data-testid="two-factor-new-codes"
              onClick={() => void act(async () => setCodes(await ssoApi.newRecoveryCodes(normalizeCode(code))))}>
              New recovery codes
            </button>
            {!s.required && (
              <button type="button" className="button button-ghost-danger" disabled={busy} data-testid="two-factor-disable"
                onClick={() => void act(async () => {
                  await ssoApi.disable(normalizeCode(code));
                  setCode('');
                  status.reload();
                })}>
                Turn off
              </button>
            )}
          </div>
          {s.required && <p className="field-hint">Your team or the platform requires a second factor: it cannot be turned off.</p>}
        </div>
      ) : (
        <div className="form-actions" data-testid="two-factor-off">
          <button type="button" className="button" disabled={busy || status.loading} onClick={() => void begin()} data-testid="two-factor-begin">
            Set up an authenticator app
          </button>
          {forced && (
            <button type="button" className="link-button" onClick={() => void signOut()} data-testid="two-factor-signout">
              Sign out
            </button>
          )}
        </div>
      )}
      {failure && <FormError failure={failure} testId="two-factor-error" />}
    </AuthCard>
  );
}
