package dev.athenaws.local.data;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates flat synthetic CloudTrail events from a seeded {@link SplittableRandom}: the same seed
 * gives the same sequence. Each event is a String array in {@link #COLUMNS} order (null for a
 * NULL); {@link CloudTrailData} assembles the nested userIdentity and resources columns from them
 * in SQL.
 *
 * <p>Thread-safety: not thread-safe (owns its random source); use one instance per load.
 */
final class EventGenerator {
  static final List<String> COLUMNS =
      List.of(
          "eventversion",
          "ui_type",
          "ui_principalid",
          "ui_arn",
          "ui_accountid",
          "ui_invokedby",
          "ui_accesskeyid",
          "ui_username",
          "sc_mfa",
          "sc_creationdate",
          "si_type",
          "si_principalid",
          "si_arn",
          "si_accountid",
          "si_username",
          "eventtime",
          "eventsource",
          "eventname",
          "awsregion",
          "sourceipaddress",
          "useragent",
          "errorcode",
          "errormessage",
          "requestparameters",
          "responseelements",
          "additionaleventdata",
          "requestid",
          "eventid",
          "r1_arn",
          "r1_type",
          "r2_arn",
          "r2_type",
          "eventtype",
          "apiversion",
          "readonly",
          "recipientaccountid",
          "serviceeventdetails",
          "sharedeventid",
          "vpcendpointid",
          "region",
          "date");

  private static final LocalDateTime START = LocalDateTime.of(2021, 7, 1, 0, 0);
  private static final long SPAN_SECONDS = 92L * 24 * 3600; // July 1 .. September 30, 2021
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT);
  private static final DateTimeFormatter PARTITION =
      DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT);

  private final SplittableRandom random;
  private final int apiWeightTotal;
  private final int regionWeightTotal;

  EventGenerator(long seed) {
    this.random = new SplittableRandom(seed);
    this.apiWeightTotal = EventCatalog.APIS.stream().mapToInt(EventCatalog.Api::weight).sum();
    int total = 0;
    for (int w : EventCatalog.REGION_WEIGHTS) {
      total += w;
    }
    this.regionWeightTotal = total;
  }

  String[] next() {
    String[] row = new String[COLUMNS.size()];
    EventCatalog.Api api = api();
    String region = region();
    String account = pick(EventCatalog.ACCOUNTS);
    LocalDateTime time = START.plusSeconds(random.nextLong(SPAN_SECONDS));
    row[0] = "1.08";
    identity(row, account, time);
    row[15] = time.format(ISO);
    row[16] = api.source();
    row[17] = api.name();
    row[18] = region;
    boolean service = "AWSService".equals(row[1]);
    row[19] = service ? row[5] : ip();
    row[20] = service ? row[5] : pick(EventCatalog.USER_AGENTS);
    if (random.nextInt(100) < 5) {
      String[] error = pick(EventCatalog.ERRORS);
      row[21] = error[0];
      row[22] = error[1];
    }
    RequestDetails.fill(row, api, account, region, random);
    row[26] = uuid();
    row[27] = uuid();
    row[32] = api.name().equals("ConsoleLogin") ? "AwsConsoleSignIn" : "AwsApiCall";
    row[33] = api.source().startsWith("ec2") ? "2016-11-15" : null;
    row[34] = Boolean.toString(api.readOnly());
    row[35] = account;
    row[38] =
        api.source().startsWith("s3") && random.nextInt(4) == 0 ? "vpce-0a1b2c3d4e5f60718" : null;
    row[39] = region;
    row[40] = time.format(PARTITION);
    return row;
  }

  private void identity(String[] row, String account, LocalDateTime time) {
    int kind = random.nextInt(100);
    if (kind < 40) {
      String user = pick(EventCatalog.USERS);
      row[1] = "IAMUser";
      row[2] = "AIDA" + token(16);
      row[3] = "arn:aws:iam::" + account + ":user/" + user;
      row[6] = "AKIA" + token(16);
      row[7] = user;
    } else if (kind < 85) {
      String role = pick(EventCatalog.ROLES);
      String roleId = "AROA" + token(16);
      String session = pick(EventCatalog.USERS) + "-session";
      row[1] = "AssumedRole";
      row[2] = roleId + ":" + session;
      row[3] = "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session;
      row[6] = "ASIA" + token(16);
      row[8] = random.nextInt(10) == 0 ? "true" : "false";
      row[9] = time.minusMinutes(random.nextInt(60)).atOffset(ZoneOffset.UTC).format(ISO);
      row[10] = "Role";
      row[11] = roleId;
      row[12] = "arn:aws:iam::" + account + ":role/" + role;
      row[13] = account;
      row[14] = role;
    } else if (kind < 97) {
      row[1] = "AWSService";
      row[5] = pick(EventCatalog.SERVICES);
    } else {
      row[1] = "Root";
      row[2] = account;
      row[3] = "arn:aws:iam::" + account + ":root";
      row[6] = "ASIA" + token(16);
    }
    if (row[1].equals("AWSService")) {
      return;
    }
    row[4] = account;
  }

  private EventCatalog.Api api() {
    int r = random.nextInt(apiWeightTotal);
    for (EventCatalog.Api a : EventCatalog.APIS) {
      r -= a.weight();
      if (r < 0) {
        return a;
      }
    }
    throw new IllegalStateException("weights");
  }

  private String region() {
    int r = random.nextInt(regionWeightTotal);
    for (int i = 0; i < EventCatalog.REGION_WEIGHTS.length; i++) {
      r -= EventCatalog.REGION_WEIGHTS[i];
      if (r < 0) {
        return EventCatalog.REGIONS.get(i);
      }
    }
    throw new IllegalStateException("weights");
  }

  private String ip() {
    return (random.nextInt(200) + 3)
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(256)
        + "."
        + (random.nextInt(254) + 1);
  }

  private String uuid() {
    return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
  }

  private String token(int length) {
    final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
