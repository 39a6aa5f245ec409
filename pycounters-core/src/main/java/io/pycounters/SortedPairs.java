package io.pycounters;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * Keys already in their natural order beside their values, seen as a sorted map only so that
 * {@code new TreeMap<>(pairs)} can build its tree in linear time rather than by one insertion per
 * key. Nothing else of a sorted map is supported.
 */
final class SortedPairs<V> extends AbstractMap<String, V> implements SortedMap<String, V> {

    private final List<String> keys;
    private final List<V> values;

    SortedPairs(List<String> keys, List<V> values) {
        if (keys.size() != values.size()) {
            throw new IllegalArgumentException(keys.size() + " keys but " + values.size() + " values");
        }
        this.keys = keys;
        this.values = values;
    }

    @Override
    public @Nullable Comparator<? super String> comparator() {
        return null;
    }

    @Override
    public Set<Map.Entry<String, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, V>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.size();
                    }

                    @Override
                    public Map.Entry<String, V> next() {
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys.get(i), values.get(i));
                    }
                };
            }

            @Override
            public int size() {
                return keys.size();
            }
        };
    }

    @Override
    public SortedMap<String, V> subMap(String fromKey, String toKey) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SortedMap<String, V> headMap(String toKey) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SortedMap<String, V> tailMap(String fromKey) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String firstKey() {
        return keys.get(0);
    }

    @Override
    public String lastKey() {
        return keys.get(keys.size() - 1);
    }
}
