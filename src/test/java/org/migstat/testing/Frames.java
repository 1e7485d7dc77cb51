package org.migstat.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Tiny named fixtures in code, and an order-insensitive answer check with a readable diff. */
public final class Frames {
  private Frames() {}

  /** A frame from a DDL schema and rows; date and timestamp values may be given as ISO strings. */
  public static Dataset<Row> of(SparkSession spark, String ddl, Object[]... rows) {
    StructType schema = StructType.fromDDL(ddl);
    List<Row> out = new ArrayList<>();
    for (Object[] r : rows) {
      Object[] v = new Object[r.length];
      for (int i = 0; i < r.length; i++) {
        v[i] = convert(r[i], schema.fields()[i].dataType());
      }
      out.add(RowFactory.create(v));
    }
    return spark.createDataFrame(out, schema);
  }

  private static Object convert(Object v, DataType t) {
    if (v instanceof String s && t.equals(DataTypes.DateType)) {
      return Date.valueOf(s);
    }
    if (v instanceof String s && t.equals(DataTypes.TimestampType)) {
      return Timestamp.valueOf(s.replace('T', ' '));
    }
    if (v instanceof Integer i && t.equals(DataTypes.LongType)) {
      return i.longValue();
    }
    return v;
  }

  /** Like Spark's QueryTest.checkAnswer: same rows in any order, with a side-by-side diff on failure. */
  public static void assertSameRows(List<List<Object>> expected, Dataset<Row> actual) {
    List<String> exp = expected.stream().map(Frames::render).sorted().collect(Collectors.toList());
    List<String> act = actual.collectAsList().stream()
        .map(r -> {
          List<Object> values = new ArrayList<>();
          for (int i = 0; i < r.size(); i++) {
            values.add(r.get(i));
          }
          return render(values);
        })
        .sorted().collect(Collectors.toList());
    if (!exp.equals(act)) {
      StringBuilder sb = new StringBuilder("rows differ\n");
      int n = Math.max(exp.size(), act.size());
      sb.append(String.format("%-60s | %s%n", "expected", "actual"));
      for (int i = 0; i < n; i++) {
        String e = i < exp.size() ? exp.get(i) : "";
        String a = i < act.size() ? act.get(i) : "";
        sb.append(e.equals(a) ? "  " : "! ").append(String.format("%-58s | %s%n", e, a));
      }
      fail(sb.toString());
    }
  }

  private static String render(List<Object> row) {
    return row.stream().map(o -> o == null ? "null" : o instanceof Number n && !(o instanceof Double)
        ? String.valueOf(n.longValue()) : String.valueOf(o)).collect(Collectors.joining(", ", "[", "]"));
  }

  public static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }
}
