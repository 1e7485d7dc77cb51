package org.migstat.ingest;

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
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Reads a file once, streaming: its SHA-256 (the file's identity in the ledger), whether its content
 * is valid UTF-8 (else it is taken as Windows-1252, the other encoding ministries' exports use) and
 * whether it is empty. Runs on executors, so it opens files through Hadoop's FileSystem.
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
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Path p = new Path(f.path());
    try (DigestInputStream digest = new DigestInputStream(p.getFileSystem(hadoopConf(conf)).open(p), sha)) {
      boolean utf8 = true;
      long contentBytes = 0;
      if (f.size() > 0) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        // Not closed on its own: closing a GZIPInputStream would close the digest stream before it is drained.
        InputStream content = openContent(digest, f.name());
        byte[] buf = new byte[1 << 16];
        ByteBuffer in = ByteBuffer.allocate(buf.length + 8);
        CharBuffer out = CharBuffer.allocate(buf.length + 8);
        int n;
        while ((n = content.read(buf)) > 0) {
          contentBytes += n;
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
        // Drain whatever the decompressor did not consume (gzip trailer) so the digest covers every byte.
        byte[] rest = new byte[8192];
        while (digest.read(rest) > 0) { /* digest only */ }
      }
      return f.sniffed(HexFormat.of().formatHex(sha.digest()), utf8 ? "UTF-8" : "windows-1252", contentBytes == 0);
    } catch (IOException e) {
      throw new IngestException("cannot read extract file " + f.name() + ": " + e.getMessage(), e);
    }
  }
}
