interface Props {
  message: string;
  onDismiss?: () => void;
  testId?: string;
}

/** A neutral, informational line (signed out, password changed, …). */
export function Notice({ message, onDismiss, testId = 'notice' }: Props) {
  return (
    <div className="notice" role="status" data-testid={testId}>
      <span>{message}</span>
      {onDismiss && (
        <button type="button" className="notice-close" onClick={onDismiss} aria-label="Dismiss">
          ×
        </button>
      )}
    </div>
  );
}
