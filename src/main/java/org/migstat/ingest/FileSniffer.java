package org.migstat.ingest;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads a file once, streaming: its SHA-256 (the file's identity in the ledger), whether its content
 * is valid UTF-8 (else it is taken as Windows-1252, the other encoding ministries' exports use), whether it
 * is empty, and how many non-blank physical lines it holds ({@link LineCount}). Then, when the content can be
 * read, scans its records once ({@link RawRecordParser#scan}) for the lines that are no record and the latest
 * last-update date inside. Runs on executors. Never throws for a bad file: a file that cannot be read at all
 * (a truncated gzip, a plain file named .gz, an unreadable path) comes back {@linkplain ExtractFile#rejected()
 * rejected} with one sentence, so that it holds back itself and not the delivery.
 */
public final class FileSniffer {
  private FileSniffer() {}

  public static Configuration hadoopConf(Map<String, String> entries) {
    Configuration conf = new Configuration(false);
    entries.forEach(conf::set);
    return conf;
  }

  public static InputStream openContent(InputStream raw, String name) throws IOException {
    return name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
  }

  public static ExtractFile sniff(ExtractFile f, Map<String, String> conf) {
    if (f.rejected() != null) {
      return f;
    }
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    boolean utf8 = true;
    long contentBytes = 0;
    LineCount lines = new LineCount();
    String rejected = null;
    DigestInputStream digest;
    try {
      digest = new DigestInputStream(ExtractFiles.openRaw(f.path(), conf), sha);
    } catch (IOException | RuntimeException e) {
      return f.rejectedBecause("the file " + f.name() + " cannot be opened: " + reason(e));
    }
    try (digest) {
      if (f.size() > 0) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] buf = new byte[1 << 16];
        ByteBuffer in = ByteBuffer.allocate(buf.length + 8);
        CharBuffer out = CharBuffer.allocate(buf.length + 8);
        try {
          // Not closed on its own: closing a GZIPInputStream would close the digest stream before it is drained.
          InputStream content = openContent(digest, f.name());
          int n;
          while ((n = content.read(buf)) > 0) {
            contentBytes += n;
            lines.accept(buf, n);
            if (utf8) {
              in.put(buf, 0, n).flip();
              CoderResult r = dec.decode(in, out, false);
              if (r.isError()) {
                utf8 = false;
              }
              in.compact();
              out.clear();
            }
          }
          if (utf8 && (dec.decode(in.flip(), out, true).isError() || dec.flush(out).isError())) {
            utf8 = false;
          }
        } catch (EOFException e) {
          rejected = "the file " + f.name() + " is a truncated gzip file: it ends before its compressed data does";
        } catch (ZipException e) {
          rejected = "Not in GZIP format".equals(e.getMessage())
              ? "the file " + f.name() + " is named .gz but is not gzip-compressed"
              : "the file " + f.name() + " is a damaged gzip file (" + reason(e) + ")";
        }
        // Drain whatever the decompressor did not consume (gzip trailer, or the rest of a damaged file) so the
        // digest covers every byte.
        byte[] rest = new byte[8192];
        while (digest.read(rest) > 0) { /* digest only */ }
      }
    } catch (IOException | RuntimeException e) {
      return f.rejectedBecause("the file " + f.name() + " cannot be read: " + reason(e));
    }
    ExtractFile sniffed = f.sniffed(HexFormat.of().formatHex(sha.digest()), utf8 ? "UTF-8" : "windows-1252",
        contentBytes == 0 && rejected == null, lines.nonBlankLines());
    if (rejected != null) {
      return sniffed.rejectedBecause(rejected);
    }
    if (sniffed.empty()) {
      return sniffed;
    }
    try {
      Source source = Source.byId(f.source()).orElseThrow();
      RawRecordParser.Scan scan = RawRecordParser.scan(source, sniffed, conf);
      return sniffed.withScan(scan.nonRecordLines(), scan.latestUpdated());
    } catch (RuntimeException e) {
      return sniffed.rejectedBecause("the file " + f.name() + " cannot be read: " + reason(e));
    }
  }

  private static String reason(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}
