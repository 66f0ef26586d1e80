package io.ferry.engine.store;

import io.vertx.jdbcclient.impl.actions.JDBCColumnDescriptor;
import io.vertx.jdbcclient.spi.JDBCColumnDescriptorProvider;
import io.vertx.jdbcclient.spi.JDBCDecoderImpl;

import java.lang.ref.WeakReference;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The JDBC client's decoder (the embedded store's row values), with each column's descriptor worked out once per
 * result set instead of once per value: vertx-jdbc-client 5.0.7 asks the result's metadata and scans every
 * {@code JDBCType} through a stream for every value it reads, about a fifth of Ferry's CPU on a 100-row account page.
 * Values are decoded exactly as before. Registered through {@code META-INF/services}; the pool's workers each keep
 * the descriptors of the result they read last.
 */
public final class ColumnCachingDecoder extends JDBCDecoderImpl {

  private static final class Columns {
    WeakReference<JDBCColumnDescriptorProvider> provider = new WeakReference<>(null);
    JDBCColumnDescriptor[] descriptors = new JDBCColumnDescriptor[32];
  }

  private static final ThreadLocal<Columns> LAST = ThreadLocal.withInitial(Columns::new);

  @Override
  public Object parse(ResultSet rs, int pos, JDBCColumnDescriptorProvider provider) throws SQLException {
    return decode(descriptor(pos, provider), cls -> cls == null ? rs.getObject(pos) : rs.getObject(pos, cls));
  }

  private static JDBCColumnDescriptor descriptor(int pos, JDBCColumnDescriptorProvider provider) throws SQLException {
    Columns c = LAST.get();
    if (c.provider.get() != provider) { // another result set: its columns are its own
      c.provider = new WeakReference<>(provider);
      java.util.Arrays.fill(c.descriptors, null);
    }
    if (pos >= c.descriptors.length) {
      c.descriptors = java.util.Arrays.copyOf(c.descriptors, Math.max(pos + 1, c.descriptors.length * 2));
    }
    JDBCColumnDescriptor d = c.descriptors[pos];
    if (d == null) {
      d = provider.apply(pos);
      c.descriptors[pos] = d;
    }
    return d;
  }
}
