package dev.athenaws.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson factory of this package. It comes from an {@link ObjectMapper} so generators carry
 * a codec and can embed {@code JsonNode} values (json columns) with {@code writeTree}.
 *
 * <p>Thread-safety: the factory is immutable after construction and safe to share.
 */
final class Json {
  static final JsonFactory FACTORY = new ObjectMapper().getFactory();

  private Json() {}
}
