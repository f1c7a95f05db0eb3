package dev.vectorflow.cli.planted;

import dev.vectorflow.adapter.http.HttpApi;

/** Planted violation: the command line reaching into the server's HTTP adapter instead of calling its API. */
public class CtlUsingTheHttpAdapter {
    public Object mapper() {
        return HttpApi.objectMapper();
    }
}
