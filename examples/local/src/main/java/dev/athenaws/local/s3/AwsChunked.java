package dev.athenaws.local.s3;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a PutObject body sent with {@code Content-Encoding: aws-chunked}, as the AWS SDKs and the
 * AWS CLI send uploads over plain HTTP or with a trailing checksum: chunks of {@code
 * hex-size[;chunk-signature=...]\r\n<bytes>\r\n}, a zero-size chunk, then optional trailer lines
 * (e.g. {@code x-amz-checksum-crc32:...}) and an empty line (S3 API reference, "Signature
 * Calculations for the Authorization Header: Transferring Payload in Multiple Chunks (Chunked
 * Upload) (AWS Signature Version 4)",
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html). No library on the local
 * stack's class path decodes it (the SDK only encodes); signatures and checksums are not verified,
 * as nothing else here verifies them.
 *
 * <p>Thread-safety: stateless.
 */
final class AwsChunked {
  private AwsChunked() {}

  /**
   * @param body the encoded body
   * @return the object's bytes
   * @throws IllegalArgumentException when the body is not aws-chunked
   */
  static byte[] decode(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int eol = lineEnd(body, at);
      String header = new String(body, at, eol - at, StandardCharsets.US_ASCII);
      int semicolon = header.indexOf(';');
      String hex = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
      int size;
      try {
        size = Integer.parseInt(hex, 16);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an aws-chunked chunk header: " + header, e);
      }
      at = eol + 2;
      if (size == 0) {
        return out.toByteArray(); // trailers follow; they are not needed
      }
      if (size < 0 || at + size > body.length) {
        throw new IllegalArgumentException("aws-chunked chunk past the body's end");
      }
      out.write(body, at, size);
      at += size + 2; // the chunk's CRLF
    }
  }

  private static int lineEnd(byte[] body, int from) {
    for (int i = from; i + 1 < body.length; i++) {
      if (body[i] == '\r' && body[i + 1] == '\n') {
        return i;
      }
    }
    throw new IllegalArgumentException("aws-chunked body ends inside a chunk header");
  }
}
