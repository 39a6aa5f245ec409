package io.pycounters.internal;

import org.jspecify.annotations.Nullable;

/** The rule for event and counter names: 1 to 200 characters, no whitespace or control characters. */
public final class EventNames {

    /** The longest name allowed. */
    public static final int MAX_LENGTH = 200;

    private EventNames() {
    }

    /**
     * Returns {@code name} if it is a valid name.
     *
     * @param name the name to check
     * @return the name
     * @throws IllegalArgumentException quoting the name, when it is not

     */
    public static String check(@Nullable String name) {
        if (name == null) {
            throw new IllegalArgumentException("A counter or event name must not be null");
        }
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Bad counter or event name \"" + name + "\": it must have 1 to "
                    + MAX_LENGTH + " characters, not " + name.length());
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                throw new IllegalArgumentException("Bad counter or event name \"" + name
                        + "\": it must not contain whitespace or control characters (found U+"
                        + String.format("%04X", (int) c) + " at index " + i + ")");
            }
        }
        return name;
    }
}
