package dev.athenaws.local.sfn;

/**
 * A state machine definition the local interpreter cannot run exactly: a state type, field,
 * resource, comparison operator, path or intrinsic function it does not support, or a malformed
 * definition. Thrown when the local stack starts, naming the state and the field, so nothing is
 * ever skipped silently.
 */
public final class DefinitionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  DefinitionException(String where, String problem) {
    super("state machine definition: " + where + ": " + problem);
  }
}
