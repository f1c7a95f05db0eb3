package dev.vectorflow.adapter.http.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.adapter.http.error.ApiProblem;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.io.ByteArrayOutputStream;

/**
 * Reads a request body as a JSON object: JSON content type (415 otherwise), at most the
 * configured number of bytes even without a Content-Length (413), well-formed (400).
 */
public final class JsonBodyReader {

    private final ObjectMapper mapper;
    /** A body is one JSON value: {@code {...} garbage} is refused, not half read. */
    private final ObjectReader wholeBody;
    private final long maxBytes;

    public JsonBodyReader(ObjectMapper mapper, long maxBytes) {
        this.mapper = mapper;
        this.wholeBody = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** True for {@code application/json}, {@code application/*+json}, with or without parameters. */
    public static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    /** Fails with 415 unless the request declares a JSON body. */
    public static void requireJsonContentType(Context ctx) {
        if (!isJson(ctx.contentType())) {
            throw ApiProblem.unsupportedMediaType("The request body must be JSON (Content-Type: application/json) but was "
                    + (ctx.contentType() == null ? "not declared" : "'" + ctx.contentType() + "'") + ".");
        }
    }

    /** Fails with 413 when the declared length is over the limit, before anything is read. */
    public void rejectDeclaredOversize(Context ctx) {
        long declared = ctx.contentLength();
        if (declared > maxBytes) {
            throw ApiProblem.contentTooLarge(maxBytes);
        }
    }

    public ObjectNode readObject(Context ctx) {
        JsonNode node = readTree(ctx);
        if (!(node instanceof ObjectNode object)) {
            throw ApiProblem.badRequest("The request body must be a JSON object but was " + describe(node) + ".");
        }
        return object;
    }

    /** The body as any JSON value (checked for type, size and syntax). */
    public JsonNode readTree(Context ctx) {
        byte[] body = checkedBody(ctx);
        try {
            return wholeBody.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a body token by token (checked for type, size and syntax like {@link #readTree}). */
    @FunctionalInterface
    public interface StreamReader<T> {
        T read(JsonParser parser) throws IOException;
    }

    /** The body read by {@code reader} from a parser over it, for bodies too frequent to build a tree of first. */
    public <T> T readStream(Context ctx, StreamReader<T> reader) {
        byte[] body = checkedBody(ctx);
        try (JsonParser parser = mapper.createParser(body)) {
            T value = reader.read(parser);
            if (parser.nextToken() != null) {
                throw trailing(parser);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] checkedBody(Context ctx) {
        requireJsonContentType(ctx);
        rejectDeclaredOversize(ctx);
        byte[] body = readLimited(ctx);
        if (body.length == 0) {
            throw ApiProblem.badRequest("The request body is empty; a JSON object is expected.");
        }
        return body;
    }

    private static ApiProblem trailing(JsonParser parser) {
        var at = parser.currentLocation();
        return ApiProblem.badRequest("Malformed JSON: unexpected content after the end of the JSON value (line " + at.getLineNr()
                + ", column " + at.getColumnNr() + ").");
    }

    private static ApiProblem malformed(JsonProcessingException e) {
        return ApiProblem.badRequest("Malformed JSON: " + withoutQuotedInput(e.getOriginalMessage())
                + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
    }

    private byte[] readLimited(Context ctx) {
        long declared = ctx.contentLength();
        try (InputStream in = ctx.bodyInputStream()) {
            if (declared >= 0) {
                // a declared length within the limit (checked before): read exactly that many bytes in bulk
                byte[] bytes = in.readNBytes((int) declared);
                if (in.read() >= 0) {
                    throw ApiProblem.badRequest("The request body is longer than its Content-Length.");
                }
                return bytes;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            byte[] buffer = new byte[16 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    throw ApiProblem.contentTooLarge(maxBytes);
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiProblem.badRequest("The request body could not be read: " + e.getMessage());
        }
    }

    /**
     * The parser's message without the fragments of the body it quotes: a malformed body may hold a
     * secret value, and error answers (and logs) must never repeat one.
     */
    static String withoutQuotedInput(String message) {
        if (message == null) {
            return "not valid JSON";
        }
        return message.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"")
                .replaceAll("\\(code [^)]*\\)", "").split("\n", 2)[0];
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
