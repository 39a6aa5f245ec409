package io.pycounters.autoconfigure.micrometer;

import io.micrometer.core.instrument.Meter;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which group owns each metric family name, so that no two counters' meters end in one family:
 * Micrometer's Prometheus registry refuses a second meter of a name with another type or other
 * tags (and a summary's {@code x_count} next to a counter {@code x_count} would be one family for
 * Prometheus itself). The family is worked out as Prometheus does, which is the strictest backend:
 * the name in {@code [a-zA-Z0-9_:]}, the base unit appended, the suffixes Prometheus gives series
 * ({@code _total}, {@code _count}, {@code _sum}, ...) removed. Not thread-safe: used under the
 * counter registry's registration lock.
 */
final class Families {

    private static final String[] SERIES_SUFFIXES = {"_total", "_count", "_sum", "_bucket", "_created", "_info"};

    private final Map<String, Owner> owners = new HashMap<>();

    /** The family of a meter. */
    static String family(String meterName, @Nullable String baseUnit) {
        StringBuilder family = new StringBuilder(meterName.length() + 8);
        for (int i = 0; i < meterName.length(); i++) {
            char c = meterName.charAt(i);
            boolean valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ':';
            family.append(valid ? c : '_');
        }
        if (baseUnit != null && !family.toString().endsWith("_" + baseUnit)) {
            family.append('_').append(baseUnit);
        }
        String name = family.toString();
        for (boolean stripped = true; stripped;) {
            stripped = false;
            for (String suffix : SERIES_SUFFIXES) {
                if (name.endsWith(suffix) && name.length() > suffix.length()) {
                    name = name.substring(0, name.length() - suffix.length());
                    stripped = true;
                }
            }
        }
        return name;
    }

    /**
     * Claims {@code family} for {@code group}'s meters of {@code type}; returns the group that owns
     * it otherwise (or owns it with another type), and claims nothing.
     */
    @Nullable String claim(String family, String group, Meter.Type type) {
        Owner owner = owners.get(family);
        if (owner == null) {
            owners.put(family, new Owner(group, type, 1));
            return null;
        }
        if (!owner.group.equals(group) || owner.type != type) {
            return owner.group;
        }
        owners.put(family, new Owner(group, type, owner.meters + 1));
        return null;
    }

    /** One of {@code family}'s meters is gone; the family is free once all are. */
    void release(String family) {
        Owner owner = owners.get(family);
        if (owner != null) {
            if (owner.meters <= 1) {
                owners.remove(family);
            } else {
                owners.put(family, new Owner(owner.group, owner.type, owner.meters - 1));
            }
        }
    }

    private record Owner(String group, Meter.Type type, int meters) {
    }
}
