package org.migstat.disclosure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A published table: its dimensions in order, how each one adds up, and its disclosure policy.
 *
 * @param id          table id, unique within a release (e.g. {@code cases_by_month_sex})
 * @param dimensions  dimension names in column order
 * @param hierarchies each dimension's hierarchy
 * @param policy      the table family's disclosure policy
 * @param population  what the table counts (e.g. {@code trafficking_victims}); tables of one release
 *                    with the same population are linked automatically on their common dimensions
 *                    (see {@link Release}); null when the table shares no margin with another
 */
public record TableSpec(String id, List<String> dimensions, Map<String, Hierarchy> hierarchies, Policy policy,
    String population) {

  public TableSpec {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("table id is required");
    }
    dimensions = List.copyOf(dimensions);
    if (dimensions.isEmpty()) {
      throw new IllegalArgumentException(id + ": a table needs at least one dimension");
    }
    if (dimensions.stream().distinct().count() != dimensions.size()) {
      throw new IllegalArgumentException(id + ": duplicate dimension names " + dimensions);
    }
    Map<String, Hierarchy> h = new LinkedHashMap<>();
    for (String d : dimensions) {
      h.put(d, hierarchies.getOrDefault(d, Hierarchy.flat()));
    }
    hierarchies = Collections.unmodifiableMap(h);
    if (policy == null) {
      throw new IllegalArgumentException(id + ": a policy is required");
    }
  }

  public static Builder builder(String id, Policy policy) {
    return new Builder(id, policy);
  }

  public Hierarchy hierarchy(String dimension) {
    Hierarchy h = hierarchies.get(dimension);
    if (h == null) {
      throw new IllegalArgumentException(id + " has no dimension " + dimension);
    }
    return h;
  }

  /** Whether cell suppression applies to this table (policy and number of dimensions). */
  public boolean suppresses() {
    return policy.suppresses(dimensions.size());
  }

  public static final class Builder {
    private final String id;
    private final Policy policy;
    private final List<String> dimensions = new ArrayList<>();
    private final Map<String, Hierarchy> hierarchies = new LinkedHashMap<>();
    private String population;

    private Builder(String id, Policy policy) {
      this.id = id;
      this.policy = policy;
    }

    /** A dimension whose values add up to {@code _T} directly. */
    public Builder dimension(String name) {
      return dimension(name, Hierarchy.flat());
    }

    public Builder dimension(String name, Hierarchy hierarchy) {
      dimensions.add(name);
      hierarchies.put(name, hierarchy);
      return this;
    }

    public Builder population(String population) {
      this.population = population;
      return this;
    }

    public TableSpec build() {
      return new TableSpec(id, dimensions, hierarchies, policy, population);
    }
  }
}
