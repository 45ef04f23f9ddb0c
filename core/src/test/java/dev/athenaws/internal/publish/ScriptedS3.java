package dev.athenaws.internal.publish;

import dev.athenaws.internal.s3.ObjectReader;
import dev.athenaws.internal.s3.S3Location;
import dev.athenaws.testing.FakeS3;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * FakeS3 holding one scripted result object at whatever key a query reports (FakeAthena names it
 * after the query execution id, known only once the query started): served, denied (403) or missing
 * (404). Thread-safe enough for one run at a time.
 */
final class ScriptedS3 implements ObjectReader {
  enum Answer {
    SERVE,
    DENY,
    MISSING
  }

  final FakeS3 s3 = new FakeS3();
  private final String csv;
  private final Answer answer;
  private final List<String> opened = new ArrayList<>();

  ScriptedS3(String csv, Answer answer) {
    this.csv = csv;
    this.answer = answer;
  }

  @Override
  public synchronized Opened open(S3Location location, long fromByte, String ifMatch)
      throws IOException {
    String uri = location.toString();
    boolean first = !opened.contains(uri);
    opened.add(uri);
    if (answer == Answer.SERVE && first) {
      // Once: a put is a new version (new ETag), which a ranged resume must not meet.
      s3.put(uri, csv);
    } else if (answer == Answer.DENY) {
      s3.deny(uri);
    }
    return s3.open(location, fromByte, ifMatch);
  }

  /**
   * @return every location opened, in order
   */
  synchronized List<String> opened() {
    return List.copyOf(opened);
  }
}
