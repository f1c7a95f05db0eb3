package dev.vectorflow.adapter.http;

import dev.vectorflow.ports.in.preview.PreviewQueries;
import dev.vectorflow.ports.in.preview.RequestPreviewUseCase;
import dev.vectorflow.ports.in.preview.RunPreviewUseCase;

/** The use cases of previews: users start and read them, agents fetch and answer them. */
public record PreviewUseCases(RequestPreviewUseCase request, PreviewQueries queries, RunPreviewUseCase run) {
}
