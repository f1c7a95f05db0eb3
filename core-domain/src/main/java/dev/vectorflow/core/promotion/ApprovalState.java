package dev.vectorflow.core.promotion;

/** Where an approval request stands: waiting, approved (and carried out), rejected, or expired unanswered. */
public enum ApprovalState {
    PENDING, APPROVED, REJECTED, EXPIRED
}
