package dev.athenaws.internal.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson factory of this package. It comes from an {@link ObjectMapper} so generators
 * carry a codec and can embed {@code JsonNode} values (json columns) with {@code writeTree}.
 *
 * <p>Thread-safety: the factory is immutable after construction and safe to share.
 */
final class Json {
  static final JsonFactory FACTORY =
      new ObjectMapper(
              // Schubfach double/float writing: same digits as Double.toString, faster on hot rows.
              JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build())
          .getFactory();

  private Json() {}
}
