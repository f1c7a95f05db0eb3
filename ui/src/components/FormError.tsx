import type { Problem } from '../api.ts';
import { ProblemMessage } from './ProblemMessage.tsx';

/** A failed submit: a plain sentence for expected refusals, the full problem for anything else. */
export type FormFailure = { message: string } | { problem: Problem };

export function FormError({ failure, testId }: { failure: FormFailure; testId: string }) {
  if ('problem' in failure) return <ProblemMessage problem={failure.problem} testId={testId} />;
  return (
    <div className="alert" role="alert" data-testid={testId}>
      <div className="alert-title">{failure.message}</div>
    </div>
  );
}
