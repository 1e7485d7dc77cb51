package org.migstat.generate;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.GZIPOutputStream;

/**
 * One gzipped extract being written. Java's GZIPOutputStream writes MTIME 0, so equal content gives
 * equal bytes. Knows the file's own mess: a BOM, a legacy charset (a character it cannot encode is an
 * error, not a silent '?'), exact duplicate rows, a truncated last line. Text is collected in chunks
 * that end on a record boundary and compressed by the {@link Compressor}.
 */
final class ExtractFile implements Closeable {
  private static final int CHUNK_CHARS = 1 << 17;

  private final Path root;
  private final String relative;
  private final boolean truncateLast;
  private final CharsetEncoder encoder;
  private final GZIPOutputStream gzip;
  private final Compressor compressor;
  private final StringBuilder chunk = new StringBuilder(CHUNK_CHARS + 1024);
  private CompletableFuture<Void> written = CompletableFuture.completedFuture(null);
  private String pendingDuplicate;
  private String last;
  private long rows;

  ExtractFile(Path root, String relative, Charset charset, boolean bom, String header, boolean truncateLast,
      Compressor compressor) throws IOException {
    this.root = root;
    this.relative = relative;
    this.truncateLast = truncateLast;
    this.compressor = compressor;
    this.encoder = charset.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    Path path = root.resolve(relative);
    Files.createDirectories(path.getParent());
    this.gzip = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16), 1 << 16) {
      {
        def.setLevel(compressor.level);
      }
    };
    if (bom) {
      chunk.append('\uFEFF');
    }
    if (header != null) {
      chunk.append(header).append('\n');
    }
  }

  /** Writes a record; if {@code duplicate}, an exact copy follows after the next record. */
  void write(String record, boolean duplicate) throws IOException {
    emit(record);
    if (pendingDuplicate != null) {
      emit(pendingDuplicate);
      pendingDuplicate = null;
    }
    if (duplicate) {
      pendingDuplicate = record;
    }
  }

  private void emit(String record) throws IOException {
    chunk.append(record).append('\n');
    last = record;
    rows++;
    if (chunk.length() >= CHUNK_CHARS) {
      flushChunk();
    }
  }

  private void flushChunk() throws IOException {
    if (chunk.length() == 0) {
      return;
    }
    ByteBuffer encoded = encoder.encode(CharBuffer.wrap(chunk));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    chunk.setLength(0);
    written = compressor.after(written, gzip, bytes);
  }

  long rows() {
    return rows;
  }

  String relative() {
    return relative;
  }

  Path path() {
    return root.resolve(relative);
  }

  /** Closes the file; a truncated file ends with a copy of its last record cut half-way, no newline. */
  @Override
  public void close() throws IOException {
    if (pendingDuplicate != null) {
      emit(pendingDuplicate);
      pendingDuplicate = null;
    }
    if (truncateLast && last != null) {
      chunk.append(last, 0, last.length() / 2);
      rows++;
    }
    flushChunk();
    try {
      written.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
      throw cause instanceof IOException io ? io : new IOException(cause);
    } finally {
      gzip.close();
    }
  }
}
