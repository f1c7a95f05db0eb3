import { useRef, useState, type FormEvent } from 'react';
import { toApiError } from '../api.ts';
import { AuthCard } from '../components/AuthCard.tsx';
import { Field } from '../components/Field.tsx';
import { FormError, type FormFailure } from '../components/FormError.tsx';
import { Notice } from '../components/Notice.tsx';
import { hasErrors, signInFailureMessage, validateSignIn, type FieldErrors, type SignInField } from '../forms.ts';
import { useSession } from '../session.tsx';

interface Props {
  setupRequired: boolean;
  notice?: string;
}

export function SignInScreen({ setupRequired, notice }: Props) {
  const { signIn, dismissNotice } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<SignInField>>({});
  const [failure, setFailure] = useState<FormFailure | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const passwordInput = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const errors = validateSignIn({ email, password });
    setFieldErrors(errors);
    setFailure(undefined);
    if (hasErrors(errors)) return;

    setSubmitting(true);
    try {
      await signIn(email.trim(), password);
      // Signed in: the app now shows another screen.
    } catch (error) {
      const problem = toApiError(error).problem;
      const message = signInFailureMessage(problem);
      setFailure(message ? { message } : { problem });
      setPassword('');
      setSubmitting(false);
      passwordInput.current?.focus();
    }
  };

  return (
    <AuthCard title="Sign in to VectorFlow" lead="Use the email address and password of your VectorFlow account.">
      {notice && <Notice message={notice} onDismiss={dismissNotice} />}
      {setupRequired && (
        <div className="notice notice-setup" role="note" data-testid="setup-required">
          <strong>VectorFlow has no users yet.</strong> When the server started it wrote a one-time setup link
          (<code>/setup?token=…</code>) to its log. Open that link to create the first platform administrator.
        </div>
      )}

      <form className="form" onSubmit={onSubmit} noValidate data-testid="signin-form">
        <Field
          id="signin-email"
          label="Email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          error={fieldErrors.email}
          testId="signin-email"
          autoFocus
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
    </AuthCard>
  );
}
