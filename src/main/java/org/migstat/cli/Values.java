package org.migstat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * A query value as {@code migstat sql} prints it: numbers in plain decimals, dates and timestamps in
 * ISO form, strings as they are, and arrays, maps and structs as JSON ({@code ["a","b"]},
 * {@code {"k":1}}) — never Scala's {@code ArraySeq(...)} or {@code HashMap(...)}.
 */
final class Values {
  private Values() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The text of one value; null gives null (the caller decides how to show it). */
  static String text(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof scala.collection.Map<?, ?> || v instanceof Map<?, ?> || v instanceof scala.collection.Iterable<?>
        || v instanceof Row || v instanceof Object[]) {
      try {
        return JSON.writeValueAsString(node(v));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("cannot print a value as JSON: " + e.getMessage(), e);
      }
    }
    return scalar(v);
  }

  private static String scalar(Object v) {
    if (v instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? d.toString() : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    if (v instanceof Float f) {
      return scalar(f.doubleValue());
    }
    if (v instanceof BigDecimal b) {
      return b.toPlainString();
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toInstant().toString();
    }
    if (v instanceof byte[] b) {
      return java.util.Base64.getEncoder().encodeToString(b);
    }
    return String.valueOf(v);
  }

  private static JsonNode node(Object v) {
    if (v == null) {
      return NODES.nullNode();
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      return node(scala.jdk.javaapi.CollectionConverters.asJava(m));
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode o = NODES.objectNode();
      m.forEach((k, x) -> o.set(k == null ? "null" : text(k), node(x)));
      return o;
    }
    if (v instanceof scala.collection.Iterable<?> s) {
      ArrayNode a = NODES.arrayNode();
      scala.jdk.javaapi.CollectionConverters.asJava(s).forEach(x -> a.add(node(x)));
      return a;
    }
    if (v instanceof Object[] arr) {
      ArrayNode a = NODES.arrayNode();
      for (Object x : arr) {
        a.add(node(x));
      }
      return a;
    }
    if (v instanceof Row r) {
      ObjectNode o = NODES.objectNode();
      for (int i = 0; i < r.size(); i++) {
        String name = r.schema() == null ? "_" + (i + 1) : r.schema().fields()[i].name();
        o.set(name, node(r.get(i)));
      }
      return o;
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return NODES.numberNode(((Number) v).longValue());
    }
    if (v instanceof BigDecimal b) {
      return NODES.numberNode(b);
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return Double.isFinite(d) ? NODES.numberNode(BigDecimal.valueOf(d).stripTrailingZeros()) : NODES.textNode(scalar(v));
    }
    if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    return NODES.textNode(scalar(v));
  }
}
