package dev.vectorflow.app;

/** Small, valid pipelines in the API's graph form and as Vector files, for API tests. */
final class PipelineFixtures {

    private PipelineFixtures() {
    }

    /** file source → remap → console sink. */
    static final String SIMPLE_GRAPH = """
            {"components":[
              {"key":"app_logs","kind":"source","type":"file","options":{"include":["/var/log/app/*.log"]},"position":{"x":0,"y":0}},
              {"key":"parse","kind":"transform","type":"remap","options":{"source":".message = upcase(string!(.message))"}},
              {"key":"out","kind":"sink","type":"console","options":{"encoding":{"codec":"json"}}}],
             "edges":[{"from":"app_logs","to":"parse"},{"from":"parse","to":"out"}]}""";

    static final String SIMPLE_YAML = """
            sources:
              app_logs:
                type: file
                include:
                  - /var/log/app/*.log
            transforms:
              parse:
                type: remap
                inputs: [app_logs]
                source: |
                  .message = upcase(string!(.message))
            sinks:
              out:
                type: console
                inputs: [parse]
                encoding:
                  codec: json
            """;
}
