import { useState, type FormEvent } from 'react';
import { toApiError } from '../api.ts';
import { AuthCard } from '../components/AuthCard.tsx';
import { Field } from '../components/Field.tsx';
import { FormError, type FormFailure } from '../components/FormError.tsx';
import {
  MIN_PASSWORD_LENGTH,
  PASSWORD_SERVER_FIELDS,
  hasErrors,
  splitFieldProblems,
  passwordScreenText,
  validatePasswordChange,
  type FieldErrors,
  type PasswordField,
} from '../forms.ts';
import { navigate } from '../router.ts';
import { useSession } from '../session.tsx';

interface Props {
  /** A new account or an administrator's reset: nothing else can be used until the password is changed. */
  forced: boolean;
}

export function PasswordScreen({ forced }: Props) {
  const { changePassword, state } = useSession();
  const text = passwordScreenText(forced, state.status === 'signed-in' ? state.session.user.passwordChangeReason : undefined);
  const [current, setCurrent] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<PasswordField>>({});
  const [failure, setFailure] = useState<FormFailure | undefined>();
  const [submitting, setSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const errors = validatePasswordChange({ current, newPassword, confirm });
    setFieldErrors(errors);
    setFailure(undefined);
    if (hasErrors(errors)) return;

    setSubmitting(true);
    try {
      await changePassword(current, newPassword);
      navigate('/', { replace: forced });
    } catch (error) {
      const problem = toApiError(error).problem;
      if (problem.status === 401) {
        // Here 401 answers the form (wrong current password); it does not mean the session ended.
        setFailure({ message: problem.detail ?? 'The current password is wrong.' });
      } else {
        const split = splitFieldProblems(problem, PASSWORD_SERVER_FIELDS);
        setFieldErrors(split.fields);
        setFailure({ problem: split.general });
      }
      setSubmitting(false);
    }
  };

  return (
    <AuthCard title={text.title} lead={text.lead}>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="password-form">
        <Field
          id="password-current"
          label={text.currentLabel}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          error={fieldErrors.current}
          testId="password-current"
          autoFocus
        />
        <Field
          id="password-new"
          label="New password"
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={setNewPassword}
          error={fieldErrors.newPassword}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          testId="password-new"
        />
        <Field
          id="password-confirm"
          label="Repeat new password"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={setConfirm}
          error={fieldErrors.confirm}
          testId="password-confirm"
        />
        <div className="form-actions">
          <button type="submit" className="button" disabled={submitting} data-testid="password-submit">
            {submitting ? 'Changing password…' : 'Change password'}
          </button>
          {!forced && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => navigate('/')}
              disabled={submitting}
            >
              Cancel
            </button>
          )}
        </div>
        {failure && <FormError failure={failure} testId="password-error" />}
      </form>
    </AuthCard>
  );
}
