package dev.sanctl.core.config;

import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The YAML 1.2 core schema of snakeyaml-engine, with the same tag for every scalar, but without
 * running a regular expression for a plain scalar whose first character starts none of the schema's
 * implicit types (null, bool, int, float, merge, env). The engine's resolver tries its null
 * patterns on every scalar and allocates a matcher per try; most scalars of a large configuration
 * (names, paths, serials) start with a letter that no type starts with. {@code
 * CoreSchemaFastPathTest} compares the two resolvers.
 */
final class CoreSchemaFastPath extends CoreSchema {
  @Override
  public ScalarResolver getScalarResolver() {
    return new Resolver();
  }

  /** The core resolver, answering {@code str} at once where none of its patterns can match. */
  static final class Resolver extends CoreScalarResolver {
    private static final String ANY_FIRST = "~ nN";

    /** The first characters for which the core schema tries int and float only. */
    private static final String NUMBER_FIRST = "-+.0123456789";

    /**
     * Every character an int ({@code 0x1F}, {@code 0o17}) or a float ({@code -1.5e3}, {@code .inf},
     * {@code .NaN}) of the core schema can hold.
     */
    private static final String NUMBER_CHARACTERS = "0123456789+-.eEoxabcdefABCDEFinINaA";

    Resolver() {
      super(true); // as CoreSchema's own
    }

    @Override
    public Tag resolve(String value, Boolean implicit) {
      // Patterns are looked up by the first character; the ones tried for any first character
      // (null: empty, '~', ' ', null, Null, NULL) match only what starts with one of ANY_FIRST.
      if (implicit && !value.isEmpty()) {
        char first = value.charAt(0);
        if (ANY_FIRST.indexOf(first) < 0 && !yamlImplicitResolvers.containsKey(first)) {
          return Tag.STR;
        }
        // a size (1G, 512M) starts as a number, but no int or float has a character it has
        if (NUMBER_FIRST.indexOf(first) >= 0 && !onlyNumberCharacters(value)) return Tag.STR;
      }
      return super.resolve(value, implicit);
    }

    private static boolean onlyNumberCharacters(String value) {
      for (int i = 0; i < value.length(); i++) {
        if (NUMBER_CHARACTERS.indexOf(value.charAt(i)) < 0) return false;
      }
      return true;
    }
  }
}
