import { useEffect, useState } from 'react';

/** The API reference: the server's OpenAPI document rendered by RapiDoc (bundled, loaded with this screen only). */
export function ApiReferenceScreen() {
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  useEffect(() => {
    let live = true;
    import('rapidoc').then(
      () => live && setState('ready'),
      () => live && setState('failed'),
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <section className="api-reference" data-testid="api-reference">
      <div className="page-header">
        <h1>API reference</h1>
      </div>
      <p className="muted">
        Every route of this server with its parameters, bodies, answers and who may call it, from the OpenAPI 3.1 document at{' '}
        <a href="/api/openapi.json" data-testid="openapi-link">/api/openapi.json</a>. Scripts send an API token (
        <a href="/tokens">API tokens</a>) as <code>Authorization: Bearer …</code>; a browser session sends its{' '}
        <code>X-CSRF-Token</code> with every change. Errors are <code>application/problem+json</code>.
      </p>
      {state === 'loading' && <p className="muted loading">Loading the reference…</p>}
      {state === 'failed' && <p className="error">The reference viewer could not be loaded; the document itself is at /api/openapi.json.</p>}
      {state === 'ready' && (
        <rapi-doc
          spec-url="/api/openapi.json"
          render-style="view"
          layout="column"
          theme="light"
          show-header="false"
          show-info="true"
          allow-try="false"
          allow-authentication="false"
          allow-server-selection="false"
          allow-spec-url-load="false"
          allow-spec-file-load="false"
          schema-style="table"
          default-schema-tab="schema"
          load-fonts="false"
          regular-font="system-ui, sans-serif"
          mono-font="ui-monospace, monospace"
          className="api-reference-viewer"
        />
      )}
    </section>
  );
}
