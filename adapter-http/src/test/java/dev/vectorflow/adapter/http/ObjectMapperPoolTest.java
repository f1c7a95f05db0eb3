package dev.vectorflow.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ObjectMapperPoolTest {

    @Test
    void givenTheApiMapper_whenRequestsRunOnNewVirtualThreads_thenTheyShareOnePoolOfBuffers() throws Exception {
        ObjectMapper mapper = HttpApi.objectMapper();
        RecyclerPool<BufferRecycler> pool = mapper.getFactory()._getRecyclerPool();
        assertThat(pool.pooledCount()).as("a pool that keeps buffers between threads (a per-thread pool counts -1)").isNotNegative();

        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            threads.submit(() -> mapper.writeValueAsBytes(Map.of("status", "ok"))).get();
            threads.submit(() -> mapper.readTree("{\"a\": 1}")).get();
        }

        assertThat(pool.pooledCount()).as("the buffers the first request used wait for the next one").isEqualTo(1);
    }
}
