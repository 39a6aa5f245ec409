package io.pycounters.munin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One graph of the graph file, in the shape of PyCounters' plugin config:
 * {@code {"id": "...", "global": {"title": "...", ...}, "data": [{"counter": "...", "label": "...", ...}]}}.
 *
 * @param id the multigraph name, made valid for Munin
 * @param global the graph's options, each printed as {@code graph_<option> <value>}
 * @param fields the graph's fields, in the file's order
 */
record Graph(String id, Map<String, String> global, List<Field> fields) {

    /**
     * One field of a graph.
     *
     * @param name the field name, the counter's name made valid for Munin, unique in its graph
     * @param counter the counter whose value it shows
     * @param options the field's options, each printed as {@code <name>.<option> <value>}; a label at least
     */
    record Field(String name, String counter, Map<String, String> options) {
    }

    /** The graphs of a graph file's JSON. */
    static List<Graph> parse(@Nullable Object json) {
        if (!(json instanceof List<?> entries)) {
            throw new BadGraphFile("it must be a JSON array of graphs, [{\"id\": ..., \"global\": {...}, \"data\": [...]}]");
        }
        List<Graph> graphs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String where = "entry " + (i + 1);
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                throw new BadGraphFile(where + " is not a JSON object");
            }
            if (!(entry.get("id") instanceof String rawId) || rawId.isBlank()) {
                throw new BadGraphFile(where + " has no \"id\" (a string)");
            }
            where += " (\"" + rawId + "\")";
            String id = FieldNames.graphId(rawId);
            if (!ids.add(id)) {
                throw new BadGraphFile(where + ": another graph has the id " + id);
            }
            Map<String, String> global = new LinkedHashMap<>();
            Object rawGlobal = entry.get("global");
            if (rawGlobal instanceof Map<?, ?> options) {
                options.forEach((key, value) -> {
                    String option = String.valueOf(key);
                    global.put(option.startsWith("graph_") ? option : "graph_" + option, text(value));
                });
            } else if (rawGlobal != null) {
                throw new BadGraphFile(where + ": \"global\" is not a JSON object");
            }
            if (!(entry.get("data") instanceof List<?> data)) {
                throw new BadGraphFile(where + " has no \"data\" (an array of {\"counter\": ...})");
            }
            graphs.add(new Graph(id, global, fields(where, data)));
        }
        return graphs;
    }

    private static List<Field> fields(String where, List<?> data) {
        List<Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int j = 0; j < data.size(); j++) {
            String field = where + ", data entry " + (j + 1);
            if (!(data.get(j) instanceof Map<?, ?> entry)) {
                throw new BadGraphFile(field + " is not a JSON object");
            }
            if (!(entry.get("counter") instanceof String counter) || counter.isBlank()) {
                throw new BadGraphFile(field + " has no \"counter\" (a string)");
            }
            String name = FieldNames.field(counter);
            // Two counters that differ only in characters Munin rejects ("a.b", "a_b") stay two fields.
            String unique = name;
            for (int n = 2; !names.add(unique); n++) {
                unique = name + "_" + n;
            }
            Map<String, String> options = new LinkedHashMap<>();
            options.put("label", counter);
            entry.forEach((key, value) -> {
                if (!"counter".equals(key)) {
                    options.put(String.valueOf(key), text(value));
                }
            });
            fields.add(new Field(unique, counter, options));
        }
        return fields;
    }

    // One line each: a line break in a title would start a new, wrong, line of the protocol.
    private static String text(@Nullable Object value) {
        String text = value instanceof Double number && number == Math.rint(number) && !Double.isInfinite(number)
                ? Long.toString(number.longValue()) : String.valueOf(value);
        return text.replaceAll("[\\r\\n]+", " ");
    }

    /** The graph file is not what the plugin can read; the message says where. */
    static final class BadGraphFile extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BadGraphFile(String message) {
            super(message);
        }
    }
}
