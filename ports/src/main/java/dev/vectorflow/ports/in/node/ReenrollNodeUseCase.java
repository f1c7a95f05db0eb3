package dev.vectorflow.ports.in.node;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.ports.in.enrollment.IssuedEnrollmentToken;

/** Use case: a single-use enrollment token that gives a node (its record and history) a new node token. */
public interface ReenrollNodeUseCase {

    IssuedEnrollmentToken reenrollNode(ReenrollNodeCommand command) throws NotFoundFailure;
}
