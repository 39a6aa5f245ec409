package io.pycounters.munin;

/**
 * Names valid for Munin: a field name is letters, digits and underscores, not starting with a
 * digit; PyCounters printed raw counter names ({@code search.rate}), which Munin rejects.
 */
final class FieldNames {

    private FieldNames() {
    }

    /** {@code search.rate} is {@code search_rate}; {@code 5xx} is {@code _5xx}. */
    static String field(String counter) {
        return valid(counter, false);
    }

    /** A multigraph name: as a field name, but dots stay (they nest graphs in Munin). */
    static String graphId(String id) {
        return valid(id, true);
    }

    private static String valid(String name, boolean dots) {
        StringBuilder valid = new StringBuilder(name.length() + 1);
        if (name.isEmpty() || (name.charAt(0) >= '0' && name.charAt(0) <= '9')) {
            valid.append('_');
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || (dots && c == '.');
            valid.append(ok ? c : '_');
        }
        return valid.toString();
    }
}
