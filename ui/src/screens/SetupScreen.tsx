import { useState, type FormEvent } from 'react';
import { toApiError, type Problem } from '../api.ts';
import { AuthCard } from '../components/AuthCard.tsx';
import { Field } from '../components/Field.tsx';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import {
  MIN_PASSWORD_LENGTH,
  SETUP_SERVER_FIELDS,
  hasErrors,
  splitFieldProblems,
  validateSetup,
  type FieldErrors,
  type SetupField,
} from '../forms.ts';
import { navigate } from '../router.ts';
import { useSession } from '../session.tsx';

interface Props {
  token: string | undefined;
  setupRequired: boolean;
}

function SignInLink() {
  return (
    <a
      href="/"
      className="button button-secondary"
      onClick={(event) => {
        event.preventDefault();
        navigate('/');
      }}
    >
      Go to sign in
    </a>
  );
}

/** First run: creates the first platform administrator with the token from the server log. */
export function SetupScreen({ token, setupRequired }: Props) {
  const { completeSetup } = useSession();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [passwordConfirm, setPasswordConfirm] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<SetupField>>({});
  const [problem, setProblem] = useState<Problem | undefined>();
  const [submitting, setSubmitting] = useState(false);

  if (!token) {
    return (
      <AuthCard title="Set up VectorFlow" testId="setup-no-token">
        <p>
          This setup link has no token. Open the complete link (<code>/setup?token=…</code>) that the server wrote
          to its log when it started.
        </p>
        <SignInLink />
      </AuthCard>
    );
  }
  if (!setupRequired) {
    return (
      <AuthCard title="VectorFlow is already set up" testId="setup-done">
        <p>An administrator account exists already, so this setup link can no longer be used. Sign in instead.</p>
        <SignInLink />
      </AuthCard>
    );
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const errors = validateSetup({ email, name, password, passwordConfirm });
    setFieldErrors(errors);
    setProblem(undefined);
    if (hasErrors(errors)) return;

    setSubmitting(true);
    try {
      await completeSetup({ token, email: email.trim(), name: name.trim(), password });
      navigate('/', { replace: true }); // drops the used token from the address bar
    } catch (error) {
      const split = splitFieldProblems(toApiError(error).problem, SETUP_SERVER_FIELDS);
      setFieldErrors(split.fields);
      setProblem(split.general);
      setSubmitting(false);
    }
  };

  return (
    <AuthCard
      title="Set up VectorFlow"
      lead="Create the first account. It becomes the platform administrator, who can then add teams and users."
    >
      <form className="form" onSubmit={onSubmit} noValidate data-testid="setup-form">
        <Field
          id="setup-email"
          label="Email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          error={fieldErrors.email}
          testId="setup-email"
          autoFocus
        />
        <Field
          id="setup-name"
          label="Name"
          autoComplete="name"
          value={name}
          onChange={setName}
          error={fieldErrors.name}
          testId="setup-name"
        />
        <Field
          id="setup-password"
          label="Password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          error={fieldErrors.password}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          testId="setup-password"
        />
        <Field
          id="setup-password-confirm"
          label="Repeat password"
          type="password"
          autoComplete="new-password"
          value={passwordConfirm}
          onChange={setPasswordConfirm}
          error={fieldErrors.passwordConfirm}
          testId="setup-password-confirm"
        />
        <button type="submit" className="button button-block" disabled={submitting} data-testid="setup-submit">
          {submitting ? 'Creating account…' : 'Create administrator'}
        </button>
        {problem && (
          <div className="form-problem">
            <ProblemMessage problem={problem} testId="setup-error" />
            {problem.status === 404 && (
              <p className="muted form-problem-hint">
                The setup link is wrong, or setup has been completed already. Check the link in the server log, or{' '}
                <a
                  href="/"
                  onClick={(event) => {
                    event.preventDefault();
                    navigate('/');
                  }}
                >
                  sign in
                </a>
                .
              </p>
            )}
          </div>
        )}
      </form>
    </AuthCard>
  );
}
